package io.github.wechatpay4j.json.jackson3;

import io.github.wechatpay4j.contract.JsonCodecContract;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON contract every adapter passes, on Jackson 3; and what is particular to this adapter. */
class Jackson3JsonCodecContractTest extends JsonCodecContract {
    @Override
    protected JsonCodec codec() {
        return new Jackson3JsonCodec();
    }

    @Test
    void aUsersMapperIsRebuiltNotChanged() {
        JsonMapper mine = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .build();
        Jackson3JsonCodec codec = new Jackson3JsonCodec(mine);
        assertEquals("{\"total\":1}", new String(codec.write(new Amount(1, null)), StandardCharsets.UTF_8));
        assertEquals("{\"Total\":1,\"Currency\":null}", mine.writeValueAsString(new Amount(1, null)));
        assertEquals(Map.of("a", 1L), codec.read("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.class));
    }

    @Test
    void itIsFoundByServiceLoaderBelowTheJackson2Adapter() {
        JsonCodecProvider found = ServiceLoader.load(JsonCodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(Jackson3JsonCodecProvider.NAME))
                .findFirst()
                .orElseThrow();
        assertEquals(5, found.priority(), "below jackson (10), above gson (0)");
        assertTrue(found.create() instanceof Jackson3JsonCodec);
    }
}
