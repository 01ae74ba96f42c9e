package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.BusinessKey;
import io.github.wechatpay4j.InvalidRequestException;

import java.util.Map;
import java.util.function.Function;

/**
 * Which operations are idempotent by a business key, and which require an {@code Idempotency-Key}: the facts the
 * retry policy and {@link io.github.wechatpay4j.OutcomeUnknownException} rely on, looked up in {@link OperationFacts}.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";

    private Idempotency() {}

    /** Whether {@code verb path} must carry an {@code Idempotency-Key}. */
    public static boolean keyRequired(String verb, String path) {
        return OperationFacts.match(verb, path)
                .map(m -> m.facts().idempotencyKeyRequired())
                .orElse(false);
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
        OperationFacts.Match match = OperationFacts.match(verb, path).orElse(null);
        String field = match == null ? null : match.facts().businessKey();
        if (field == null) {
            return null;
        }
        if (field.startsWith("{") && field.endsWith("}")) {
            String name = field.substring(1, field.length() - 1);
            String raw = match.pathValues().get(name);
            return raw == null ? null : new BusinessKey(name, PercentEncoding.decode(raw));
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
