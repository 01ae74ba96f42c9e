package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.BusinessKey;
import io.github.wechatpay4j.InvalidRequestException;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which operations are idempotent by a business key, and which require an {@code Idempotency-Key}: the facts the
 * retry policy and {@link io.github.wechatpay4j.OutcomeUnknownException} rely on.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";

    /** Operations whose spec requires an {@code Idempotency-Key} header (all POST). */
    private static final Set<String> KEY_REQUIRED =
            Set.of("/v3/marketing/partnerships/build", "/v3/marketing/partnerships/terminate");

    /** POSTs idempotent by a body field: the prepay kinds (direct, partner, combined) and refunds. */
    private static final Pattern PREPAY = Pattern.compile("/v3/pay(?:/partner)?/transactions/(?:jsapi|app|h5|native)"
            + "|/hk/v3/transactions/(?:jsapi|app|mweb|native)");

    private static final Pattern COMBINED_PREPAY =
            Pattern.compile("/v3/combine-transactions/(?:jsapi|app|h5|native|miniprogram)");
    private static final Pattern CLOSE = Pattern.compile(
            "(?:/v3/pay(?:/partner)?/transactions|/v3/combine-transactions|/hk/v3/transactions)/out-trade-no/([^/]+)"
                    + "/close");
    private static final Set<String> REFUNDS =
            Set.of("/v3/refund/domestic/refunds", "/v3/ecommerce/refunds/apply", "/hk/v3/refunds");

    private Idempotency() {}

    /** Whether {@code verb path} must carry an {@code Idempotency-Key}. */
    public static boolean keyRequired(String verb, String path) {
        return verb.equals("POST") && KEY_REQUIRED.contains(path);
    }

    /** A key given by the caller: 1 to 64 visible ASCII characters. */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > 64 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException("an Idempotency-Key is 1 to 64 visible ASCII characters; generate one"
                    + " per business action and send it again unchanged on every retry");
        }
        return key;
    }

    /**
     * The business key a known operation is idempotent by, read from its raw path or its JSON body, or {@code null}.
     *
     * @param body parses the request body into a map, lazily (only for the operations that need it)
     */
    public static BusinessKey knownKey(
            String verb, String path, Function<byte[], Map<String, Object>> body, byte[] bytes) {
        if (!verb.equals("POST")) {
            return null;
        }
        Matcher close = CLOSE.matcher(path);
        if (close.matches()) {
            return new BusinessKey(
                    path.startsWith("/v3/combine") ? "combine_out_trade_no" : "out_trade_no",
                    PercentEncoding.decode(close.group(1)));
        }
        String field;
        if (PREPAY.matcher(path).matches()) {
            field = "out_trade_no";
        } else if (COMBINED_PREPAY.matcher(path).matches()) {
            field = "combine_out_trade_no";
        } else if (REFUNDS.contains(path)) {
            field = "out_refund_no";
        } else {
            return null;
        }
        if (bytes.length == 0) {
            return null;
        }
        Map<String, Object> map;
        try {
            map = body.apply(bytes);
        } catch (RuntimeException e) {
            return null; // not JSON the codec reads: the call is simply not known to be idempotent
        }
        Object value = map == null ? null : map.get(field);
        return value instanceof String s && !s.isBlank() ? new BusinessKey(field, s) : null;
    }
}
