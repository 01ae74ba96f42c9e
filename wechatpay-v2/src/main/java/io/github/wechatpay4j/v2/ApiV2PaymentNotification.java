package io.github.wechatpay4j.v2;

import java.util.Map;

/**
 * A payment notification of APIv2 ({@code notify_url} of {@code pay/unifiedorder}), its {@code sign} verified.
 *
 * @param fields every field (coupon fields come numbered: {@code coupon_id_0}, {@code coupon_fee_0}…)
 */
public record ApiV2PaymentNotification(Map<String, String> fields) implements ApiV2Notification {

    public ApiV2PaymentNotification {
        fields = Map.copyOf(fields);
    }

    @Override
    public String id() {
        return "v2-payment-" + transactionId();
    }

    @Override
    public String eventType() {
        return isSuccess() ? "TRANSACTION.SUCCESS" : "TRANSACTION.FAIL";
    }

    @Override
    public boolean isSuccess() {
        return "SUCCESS".equals(fields.get("result_code"));
    }

    public String appid() {
        return fields.get("appid");
    }

    public String mchId() {
        return fields.get("mch_id");
    }

    public String outTradeNo() {
        return fields.get("out_trade_no");
    }

    public String transactionId() {
        return fields.get("transaction_id");
    }

    /** {@code total_fee} in fen. */
    public long totalFee() {
        return Long.parseLong(fields.getOrDefault("total_fee", "0"));
    }

    public String tradeType() {
        return fields.get("trade_type");
    }

    public String openid() {
        return fields.get("openid");
    }

    /** {@code time_end}, {@code yyyyMMddHHmmss} in China time. */
    public String timeEnd() {
        return fields.get("time_end");
    }

    @Override
    public String toString() {
        return "ApiV2PaymentNotification[outTradeNo=" + outTradeNo() + ", transactionId=" + transactionId()
                + ", totalFee=" + fields.get("total_fee") + ", resultCode=" + fields.get("result_code") + "]";
    }
}
