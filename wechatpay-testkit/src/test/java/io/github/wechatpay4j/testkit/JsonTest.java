package io.github.wechatpay4j.testkit;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fake server's own JSON reader and writer, independent of the SDK's codecs. */
class JsonTest {

    @Test
    void readsWhatWechatPayBodiesContain() {
        Object value = Json.parse(" {\"a\":{\"b\":[1,-2,3.50,1e3]},\"s\":\"\\u5fae\\n\\\"x\\\"\",\"t\":true,"
                + "\"n\":null,\"big\":12345678901234567890} ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(
                List.of(1L, -2L, new BigDecimal("3.50"), new BigDecimal("1e3")), ((Map<?, ?>) map.get("a")).get("b"));
        assertEquals("微\n\"x\"", map.get("s"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(new BigDecimal("12345678901234567890"), map.get("big"));
        assertEquals(null, map.get("n"));
    }

    @Test
    void writesWhatItReads() {
        String json = "{\"k\":\"v\\\"\",\"l\":[1,2,{\"m\":false}],\"z\":null}";
        assertEquals(json, Json.write(Json.parse(json)));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of(
                "",
                "{",
                "{\"a\":}",
                "{\"a\":1,}",
                "[1 2]",
                "{\"a\":1}x",
                "\"\\q\"",
                "{\"a\":1,\"a\":2}",
                "01",
                "{a:1}",
                "\"unterminated",
                "[" + "[".repeat(100) + "]".repeat(101))) {
            assertThrows(Json.SyntaxError.class, () -> Json.parse(bad), bad);
        }
        assertThrows(Json.SyntaxError.class, () -> Json.parseObject("[1]"));
    }
}
