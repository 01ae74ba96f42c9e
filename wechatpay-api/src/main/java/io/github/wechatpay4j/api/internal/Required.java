package io.github.wechatpay4j.api.internal;

import io.github.wechatpay4j.InvalidRequestException;

/** Checks for the required fields of request records. */
public final class Required {
    private Required() {
    }

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
}
