package io.github.wechatpay4j.json.gson;

import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;

/** Provides {@link GsonJsonCodec} under the name {@code gson}, priority 0 (Jackson is preferred when both exist). */
public final class GsonJsonCodecProvider implements JsonCodecProvider {
    public static final String NAME = "gson";

    /** Called by {@link java.util.ServiceLoader}. */
    public GsonJsonCodecProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JsonCodec create() {
        return new GsonJsonCodec();
    }
}
