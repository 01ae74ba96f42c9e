package io.github.wechatpay4j.json;

/**
 * An enumeration that tolerates values it does not know yet. WeChat Pay adds enum values without notice; a Java
 * {@code enum} would fail to read them, an open enum keeps them. Implement it with a record of one {@code String}
 * component and constants for the known values:
 *
 * <pre>{@code
 * public record TradeState(String value) implements OpenEnum {
 *     public static final TradeState SUCCESS = new TradeState("SUCCESS");
 *     public static final TradeState NOTPAY = new TradeState("NOTPAY");
 * }
 * }</pre>
 *
 * Every {@link JsonCodec} writes such a value as its plain string and reads any string into it through the public
 * one-{@code String} constructor; compare with {@code equals}.
 */
public interface OpenEnum {

    /** The value exactly as it appears on the wire. */
    String value();
}
