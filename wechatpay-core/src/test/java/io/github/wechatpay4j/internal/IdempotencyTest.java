package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.BusinessKey;
import io.github.wechatpay4j.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyTest {
    private static final Function<byte[], Map<String, Object>> BODY = bytes -> {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!s.startsWith("{\"")) {
            throw new IllegalArgumentException("not JSON");
        }
        String[] kv = s.substring(2, s.length() - 2).split("\":\"");
        return Map.of(kv[0], kv[1]);
    };

    private static BusinessKey key(String verb, String path, String body) {
        return Idempotency.knownKey(verb, path, BODY, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void knownOperationsAndTheirKeys() {
        assertEquals(
                new BusinessKey("out_trade_no", "T1"),
                key("POST", "/v3/pay/transactions/jsapi", "{\"out_trade_no\":\"T1\"}"));
        assertEquals(
                new BusinessKey("out_trade_no", "T2"),
                key("POST", "/v3/pay/partner/transactions/native", "{\"out_trade_no\":\"T2\"}"));
        assertEquals(
                new BusinessKey("combine_out_trade_no", "C1"),
                key("POST", "/v3/combine-transactions/app", "{\"combine_out_trade_no\":\"C1\"}"));
        assertEquals(
                new BusinessKey("out_refund_no", "R1"),
                key("POST", "/v3/refund/domestic/refunds", "{\"out_refund_no\":\"R1\"}"));
        assertEquals(
                new BusinessKey("out_trade_no", "T 1/å"),
                key("POST", "/v3/pay/transactions/out-trade-no/T%201%2F%C3%A5/close", ""),
                "decoded from the path");
        assertEquals(
                new BusinessKey("combine_out_trade_no", "C2"),
                key("POST", "/v3/combine-transactions/out-trade-no/C2/close", ""));
    }

    @Test
    void unknownOperationsMissingKeysAndOtherMethodsAreNotIdempotent() {
        assertNull(key("POST", "/v3/marketing/favor/users/o1/coupons", "{\"out_request_no\":\"X\"}"));
        assertNull(key("POST", "/v3/pay/transactions/jsapi", "{\"description\":\"no key\"}"));
        assertNull(key("POST", "/v3/pay/transactions/jsapi", "not json"));
        assertNull(key("POST", "/v3/pay/transactions/jsapi", ""));
        assertNull(key("GET", "/v3/pay/transactions/jsapi", "{\"out_trade_no\":\"T1\"}"));
        assertNull(key("PATCH", "/v3/refund/domestic/refunds", "{\"out_refund_no\":\"R1\"}"));
    }

    @Test
    void idempotencyKeysAreRequiredWhereTheSpecSaysAndChecked() {
        assertTrue(Idempotency.keyRequired("POST", "/v3/marketing/partnerships/build"));
        assertTrue(Idempotency.keyRequired("POST", "/v3/marketing/partnerships/terminate"));
        assertEquals(false, Idempotency.keyRequired("GET", "/v3/marketing/partnerships/build"));
        assertThrows(InvalidRequestException.class, () -> Idempotency.check(""));
        assertThrows(InvalidRequestException.class, () -> Idempotency.check("a b"));
        assertEquals("GzPCeo963zXKcO2hDVD8AjXIpgrj", Idempotency.check("GzPCeo963zXKcO2hDVD8AjXIpgrj"));
    }

    @Test
    void fourByteCharactersAreFoundRawOrEscapedAndTheFieldNamed() {
        assertNull(FourByteCharacters.find(utf8("{\"description\":\"咖啡 ☕\"}")));
        assertEquals("description", FourByteCharacters.find(utf8("{\"a\":\"ok\",\"description\":\"🎂\"}")));
        assertEquals("name", FourByteCharacters.find(utf8("{\"payer\":{\"name\":\"\\ud83c\\udf82\"}}")));
        assertEquals("name", FourByteCharacters.find(utf8("{\"payer\":{\"name\" : \"\\uD83C\\uDF82\"}}")));
        assertEquals("k🎂", FourByteCharacters.find(utf8("{\"k🎂\":1}")), "a key itself");
        assertEquals("", FourByteCharacters.find(utf8("\"🎂\"")), "top level");
        assertNull(FourByteCharacters.find(utf8("{\"escaped\":\"\\\\ud83c is text\"}")), "an escaped backslash");
        assertThrows(
                InvalidRequestException.class,
                () -> FourByteCharacters.check("POST", "/v3/x", utf8("{\"description\":\"🎂\"}")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
