package io.github.wechatpay4j.json;

import java.lang.reflect.Type;

/**
 * The JSON port. Implementations must behave identically (the JSON contract suite in core's test-jar checks it):
 * <ul>
 *   <li>Java names are written in snake_case ({@code outTradeNo} → {@code out_trade_no}), unless a component carries
 *       {@link JsonName}; map keys are written as they are;
 *   <li>records are written in component order and read through their canonical constructor;
 *   <li>{@code null} values (also in maps) are omitted; unknown fields are ignored when reading;
 *   <li>{@link OpenEnum} values are written as their string and read from any string, known or not;
 *   <li>{@link java.time.OffsetDateTime} is RFC 3339 ({@code 2026-11-23T10:15:30+08:00}), keeping the offset;
 *   <li>untyped numbers ({@code Object}, {@code Map} values) read as {@code Long} (or {@code BigInteger} when too
 *       large) for integers and {@code Double} for decimals; output is compact UTF-8 without HTML escaping;
 *   <li>input must be exactly one JSON value: malformed input, an empty body or trailing data is an error.
 * </ul>
 * Every failure is a {@link JsonCodecException}; no library exception escapes. Implementations are thread-safe.
 */
public interface JsonCodec {

    /** Serialises {@code value} to UTF-8 JSON bytes. */
    byte[] write(Object value);

    /** Reads UTF-8 JSON into {@code type} (a {@code Class} or a generic {@code ParameterizedType}). */
    <T> T read(byte[] json, Type type);

    /**
     * Creates now what this codec would otherwise create on its first use (its mapper and the readers of untyped
     * JSON), so that the first call does not wait for it. The client calls this once, off the caller's thread, right
     * after it is built (unless built with {@code warmUp(false)}). Must be idempotent and thread-safe and must not
     * throw: a failure is left to the first use, which reports it. The default does nothing.
     */
    default void warmUp() {}

    /** Convenience for {@link #read(byte[], Type)} with a class. */
    default <T> T read(byte[] json, Class<T> type) {
        return read(json, (Type) type);
    }
}
