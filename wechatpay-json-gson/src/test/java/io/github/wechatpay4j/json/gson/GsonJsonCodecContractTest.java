package io.github.wechatpay4j.json.gson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.wechatpay4j.contract.JsonCodecContract;
import io.github.wechatpay4j.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GsonJsonCodecContractTest extends JsonCodecContract {
    @Override
    protected JsonCodec codec() {
        return new GsonJsonCodec();
    }

    @Test
    void aUsersGsonIsExtendedNotChanged() {
        Gson mine = new GsonBuilder().serializeNulls().create();
        GsonJsonCodec codec = new GsonJsonCodec(mine);
        assertEquals(
                "{\"total\":1,\"currency\":null}",
                new String(codec.write(new Amount(1, null)), StandardCharsets.UTF_8),
                "the user's serializeNulls stays: their settings are kept");
        assertEquals("{\"total\":1,\"currency\":null}", mine.toJson(new Amount(1, null)));
    }
}
