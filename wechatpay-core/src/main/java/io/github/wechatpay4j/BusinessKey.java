package io.github.wechatpay4j;

/**
 * The key an operation is idempotent by, such as {@code out_trade_no=T20261123001} or {@code out_refund_no=R1}: WeChat
 * Pay answers a repeat of the same request with the first result instead of acting twice, so the key is also what to
 * query by when the outcome of a call is unknown.
 *
 * @param name  the field or header it comes from ({@code out_trade_no}, {@code Idempotency-Key} …)
 * @param value its value in the request
 */
public record BusinessKey(String name, String value) implements java.io.Serializable {
    public BusinessKey {
        if (name == null || name.isBlank() || value == null || value.isBlank()) {
            throw new InvalidRequestException("a business key needs a name and a value");
        }
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
