package io.github.wechatpay4j.json.jackson3;

import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;

/**
 * Provides {@link Jackson3JsonCodec} under the name {@code jackson3}, priority 5: below the Jackson 2 adapter (10), so
 * that adding this module changes nothing for an application that has both; above Gson (0). An application on Jackson 3
 * alone (Spring Boot 4) finds it first; with both on the class path, choose it with {@code -Dwechatpay.json=jackson3}
 * or {@code WechatPay.builder().jsonCodec(new Jackson3JsonCodec(yourMapper))}.
 */
public final class Jackson3JsonCodecProvider implements JsonCodecProvider {
    public static final String NAME = "jackson3";

    /** Called by {@link java.util.ServiceLoader}. */
    public Jackson3JsonCodecProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public JsonCodec create() {
        return new Jackson3JsonCodec();
    }
}
