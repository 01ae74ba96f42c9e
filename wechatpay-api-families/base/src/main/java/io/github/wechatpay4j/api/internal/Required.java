package io.github.wechatpay4j.api.internal;

import io.github.wechatpay4j.InvalidRequestException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and copies for the generated records. */
public final class Required {
    private Required() {}

    /**
     * Returns {@code value}; throws {@link InvalidRequestException} naming {@code field} and {@code type} when it is
     * {@code null} or an empty string.
     */
    public static <T> T require(T value, String type, String field) {
        if (value == null || value instanceof CharSequence s && s.length() == 0) {
            throw new InvalidRequestException(type + "." + field + " is required by WeChat Pay and was not given");
        }
        return value;
    }

    /** An unmodifiable copy of {@code list} (which may hold nulls), or null. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy of {@code map}, in its order, or null. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
