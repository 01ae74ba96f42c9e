package io.github.wechatpay4j.json.jackson;

import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;

/** Provides {@link JacksonJsonCodec} under the name {@code jackson}, priority 10 (preferred over Gson). */
public final class JacksonJsonCodecProvider implements JsonCodecProvider {
    public static final String NAME = "jackson";

    /** Called by {@link java.util.ServiceLoader}. */
    public JacksonJsonCodecProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public JsonCodec create() {
        return new JacksonJsonCodec();
    }
}
