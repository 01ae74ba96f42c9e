package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.InvalidRequestException;

import java.util.Optional;

/** APIv2's signature algorithms, as {@code sign_type} names them. */
public enum SignType {
    /** {@code MD5(stringSignTemp)}, the default when {@code sign_type} is absent. */
    MD5("MD5"),
    /** {@code HMAC-SHA256(key, stringSignTemp)}. */
    HMAC_SHA256("HMAC-SHA256");

    private final String wireName;

    SignType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code sign_type}: {@code MD5} or {@code HMAC-SHA256}. */
    public String wireName() {
        return wireName;
    }

    /** The algorithm {@code sign_type} names, when it names one (exact spelling, as WeChat Pay compares it). */
    public static Optional<SignType> fromWire(String name) {
        for (SignType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The algorithm of {@code sign_type}: MD5 when it is absent or empty, as APIv2 defines it.
     *
     * @throws InvalidRequestException when it names another algorithm
     */
    public static SignType ofRequest(String name) {
        if (name == null || name.isEmpty()) {
            return MD5;
        }
        return fromWire(name)
                .orElseThrow(
                        () -> new InvalidRequestException("sign_type must be MD5 or HMAC-SHA256, got '" + name + "'"));
    }
}
