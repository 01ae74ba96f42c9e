package io.github.wechatpay4j.fuzz;

import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.github.wechatpay4j.fuzz.Harness.only;

/** Reads one input as every shape the SDK binds; shared by the Jackson and Gson fuzz tests. */
final class Bindings {
    private Bindings() {}

    /** A record with every kind of component the adapters support. */
    record Everything(
            String text,
            int small,
            long big,
            Long boxed,
            boolean flag,
            double ratio,
            BigDecimal money,
            OffsetDateTime time,
            List<String> list,
            Map<String, Object> map,
            Nested nested,
            List<Nested> many,
            State state,
            @JsonName("renamed") String other) {}

    record Nested(String name, Integer count) {}

    /** An open enum, as generated types use them. */
    public record State(String value) implements OpenEnum {}

    static void readEverything(JsonCodec codec, byte[] json) {
        only(() -> codec.read(json, Map.class));
        only(() -> codec.read(json, Object.class));
        only(() -> codec.read(json, Everything.class));
        only(() -> codec.read(json, TransactionSuccess.Transaction.class));
        only(() -> codec.read(json, RefundNotice.Refund.class));
        only(() -> codec.read(json, String.class));
        only(() -> codec.read(json, long.class));
    }
}
