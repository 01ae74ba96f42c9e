package io.github.wechatpay4j.json.jackson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.wechatpay4j.contract.JsonCodecContract;
import io.github.wechatpay4j.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JacksonJsonCodecContractTest extends JsonCodecContract {
    @Override
    protected JsonCodec codec() {
        return new JacksonJsonCodec();
    }

    @Test
    void aUsersMapperIsCopiedNotChanged() throws Exception {
        ObjectMapper mine = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
        JacksonJsonCodec codec = new JacksonJsonCodec(mine);
        assertEquals("{\"total\":1}", new String(codec.write(new Amount(1, null)), StandardCharsets.UTF_8));
        assertEquals("{\"Total\":1,\"Currency\":null}", mine.writeValueAsString(new Amount(1, null)));
        assertEquals(Map.of("a", 1L), codec.read("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.class));
    }
}
