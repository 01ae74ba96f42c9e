package io.github.wechatpay4j.contract;

import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link JsonCodec} adapter passes. An adapter's test extends this class and implements
 * {@link #codec()}; nothing else. Published in wechatpay-core's test-jar.
 */
public abstract class JsonCodecContract {

    /** A new codec under test. */
    protected abstract JsonCodec codec();

    public record Amount(long total, String currency) {}

    public record Order(String outTradeNo, String description, Amount amount) {}

    public record TradeState(String value) implements OpenEnum {
        public static final TradeState SUCCESS = new TradeState("SUCCESS");
    }

    /** An open enum as the generator writes them: interned constants through {@code of}, {@code known()}. */
    public static final class RefundStatus implements OpenEnum {
        public static final RefundStatus SUCCESS = new RefundStatus("SUCCESS", Known.SUCCESS);
        public static final RefundStatus CLOSED = new RefundStatus("CLOSED", Known.CLOSED);
        private final String value;
        private final Known known;

        private RefundStatus(String value, Known known) {
            this.value = value;
            this.known = known;
        }

        public static RefundStatus of(String value) {
            return switch (value) {
                case "SUCCESS" -> SUCCESS;
                case "CLOSED" -> CLOSED;
                default -> new RefundStatus(value, Known.UNKNOWN);
            };
        }

        @Override
        public String value() {
            return value;
        }

        public Known known() {
            return known;
        }

        public enum Known {
            SUCCESS,
            CLOSED,
            UNKNOWN
        }
    }

    public record Refund(String outRefundNo, RefundStatus status, List<RefundStatus> history) {}

    public record Transaction(
            String transactionId,
            TradeState tradeState,
            OffsetDateTime successTime,
            List<Amount> amounts,
            Map<String, Object> extra) {}

    public record Renamed(
            @JsonName("openId") String openid,
            @JsonName("SP_MCHID") String spMchid,
            String subMchid) {}

    public record Primitives(int count, long big, boolean flag, double rate) {}

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Type listOf(Type element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    @Test
    void writesRecordsSnakeCaseInComponentOrderWithoutNulls() {
        assertEquals(
                "{\"out_trade_no\":\"T1\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}",
                text(codec().write(new Order("T1", null, new Amount(100, "CNY")))));
    }

    @Test
    void readsSnakeCaseIgnoringUnknownFields() {
        Order o = codec().read(
                        bytes(
                                "{\"out_trade_no\":\"T1\",\"unknown\":{\"deep\":[1,2,{\"x\":null}]},"
                                        + "\"amount\":{\"currency\":\"CNY\",\"total\":100,\"payer_total\":99},\"new_field\":true}"),
                        Order.class);
        assertEquals(new Order("T1", null, new Amount(100, "CNY")), o);
    }

    @Test
    void writesMapsWithKeysAsGivenAndNullsOmitted() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outTradeNo", "keep-case");
        m.put("skip", null);
        m.put("nested", Map.of("k", List.of(1, "two")));
        assertEquals("{\"outTradeNo\":\"keep-case\",\"nested\":{\"k\":[1,\"two\"]}}", text(codec().write(m)));
    }

    @Test
    void readsUntypedNumbersAsLongBigIntegerOrDouble() {
        Map<?, ?> m = codec().read(
                        bytes("{\"i\":1,\"l\":9007199254740993,\"b\":123456789012345678901234567890,"
                                + "\"d\":1.5,\"s\":\"x\",\"n\":null,\"a\":[1,{\"z\":true}]}"),
                        Map.class);
        assertEquals(1L, m.get("i"));
        assertEquals(9007199254740993L, m.get("l"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("b"));
        assertEquals(1.5, m.get("d"));
        assertEquals("x", m.get("s"));
        assertNull(m.get("n"));
        assertEquals(List.of(1L, Map.of("z", true)), m.get("a"));
    }

    @Test
    void openEnumsKeepUnknownValues() {
        Transaction t =
                codec().read(bytes("{\"transaction_id\":\"42\",\"trade_state\":\"SOMETHING_NEW\"}"), Transaction.class);
        assertEquals("SOMETHING_NEW", t.tradeState().value());
        Transaction known = codec().read(bytes("{\"trade_state\":\"SUCCESS\"}"), Transaction.class);
        assertEquals(TradeState.SUCCESS, known.tradeState());
        assertEquals(
                "{\"trade_state\":\"SUCCESS\"}",
                text(codec().write(new Transaction(null, TradeState.SUCCESS, null, null, null))));
        assertThrows(JsonCodecException.class, () -> codec().read(bytes("{\"trade_state\":7}"), Transaction.class));
    }

    @Test
    void openEnumsWithAFactoryReadKnownValuesAsTheirConstants() {
        Refund r = codec().read(
                        bytes("{\"out_refund_no\":\"R1\",\"status\":\"SUCCESS\","
                                + "\"history\":[\"CLOSED\",\"PROCESSING\"]}"),
                        Refund.class);
        assertTrue(r.status() == RefundStatus.SUCCESS, "a known value is the constant itself: == holds");
        assertTrue(r.history().get(0) == RefundStatus.CLOSED);
        assertEquals(RefundStatus.Known.UNKNOWN, r.history().get(1).known());
        assertEquals("PROCESSING", r.history().get(1).value(), "an unknown value is kept");
        assertEquals(
                "{\"out_refund_no\":\"R1\",\"status\":\"SUCCESS\",\"history\":[\"CLOSED\"]}",
                text(codec().write(new Refund("R1", RefundStatus.SUCCESS, List.of(RefundStatus.CLOSED)))));
    }

    @Test
    void offsetDateTimesAreRfc3339KeepingTheOffset() {
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 23, 10, 15, 30, 0, ZoneOffset.ofHours(8));
        String json = text(codec().write(new Transaction("1", null, t, null, null)));
        assertEquals("{\"transaction_id\":\"1\",\"success_time\":\"2026-11-23T10:15:30+08:00\"}", json);
        Transaction back = codec().read(bytes(json), Transaction.class);
        assertEquals(t, back.successTime());
        assertEquals(ZoneOffset.ofHours(8), back.successTime().getOffset());
        assertThrows(
                JsonCodecException.class,
                () -> codec().read(bytes("{\"success_time\":\"yesterday\"}"), Transaction.class));
        assertThrows(
                JsonCodecException.class,
                () -> codec().read(bytes("{\"success_time\":\"2026-11-23T10:15:30\"}"), Transaction.class));
    }

    @Test
    void jsonNameOverridesSnakeCase() {
        String json = text(codec().write(new Renamed("o1", "sp", "sub")));
        assertEquals("{\"openId\":\"o1\",\"SP_MCHID\":\"sp\",\"sub_mchid\":\"sub\"}", json);
        assertEquals(new Renamed("o1", "sp", "sub"), codec().read(bytes(json), Renamed.class));
    }

    @Test
    void nestedGenericsAndListsRead() {
        Transaction t = codec().read(
                        bytes("{\"amounts\":[{\"total\":1},{\"total\":2,\"currency\":\"CNY\"}],"
                                + "\"extra\":{\"k\":\"v\"}}"),
                        Transaction.class);
        assertEquals(List.of(new Amount(1, null), new Amount(2, "CNY")), t.amounts());
        assertEquals(Map.of("k", "v"), t.extra());
        List<Amount> list = codec().read(bytes("[{\"total\":3}]"), listOf(Amount.class));
        assertEquals(List.of(new Amount(3, null)), list);
    }

    @Test
    void primitivesAndLargeLongsRoundTrip() {
        Primitives p = new Primitives(7, 9007199254740993L, true, 0.25);
        assertEquals(p, codec().read(codec().write(p), Primitives.class));
        assertEquals(new Primitives(0, 0, false, 0.0), codec().read(bytes("{}"), Primitives.class));
    }

    @Test
    void utf8WithoutHtmlEscaping() {
        Order o = new Order("单号😀", "<a href='x'>&=</a>", null);
        byte[] json = codec().write(o);
        assertEquals("{\"out_trade_no\":\"单号😀\",\"description\":\"<a href='x'>&=</a>\"}", text(json));
        assertEquals(o, codec().read(json, Order.class));
    }

    @Test
    void malformedInputIsAJsonCodecException() {
        for (String bad : new String[] {
            "",
            "   ",
            "{",
            "not json",
            "{} trailing",
            "{\"a\":1,}",
            "[1,]",
            "{'single':1}",
            "{\"out_trade_no\":unquoted}"
        }) {
            assertThrows(JsonCodecException.class, () -> codec().read(bytes(bad), Order.class), bad);
        }
        assertThrows(JsonCodecException.class, () -> codec().read(bytes("<html>502</html>"), Map.class));
        assertThrows(JsonCodecException.class, () -> codec().read(bytes("{\"total\":\"abc\"}"), Amount.class));
        assertThrows(JsonCodecException.class, () -> codec().read(bytes("[1]"), Order.class));
        assertThrows(JsonCodecException.class, () -> codec().read(null, Order.class));
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        JsonCodec codec = codec();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Order o = new Order("T" + n, "d" + n, new Amount(n, "CNY"));
                    return o.equals(codec.read(codec.write(o), Order.class));
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void warmingUpFromManyThreadsLeavesTheCodecAsItWas() throws Exception {
        JsonCodec codec = codec();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> warming = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                warming.add(pool.submit(codec::warmUp));
            }
            for (Future<?> f : warming) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        codec.warmUp();
        Order o = new Order("T1", null, new Amount(100, "CNY"));
        assertEquals("{\"out_trade_no\":\"T1\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}", text(codec.write(o)));
        assertEquals(o, codec.read(codec.write(o), Order.class));
        assertEquals(Map.of("n", 1L), codec.read(bytes("{\"n\":1}"), Map.class), "untyped integers are still Long");
    }

    @Test
    void exceptionsAreAlwaysJsonCodecExceptions() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> codec().read(bytes("{"), Map.class));
        assertInstanceOf(RuntimeException.class, e);
        assertTrue(e.getMessage().contains("Map"), e.getMessage());
    }
}
