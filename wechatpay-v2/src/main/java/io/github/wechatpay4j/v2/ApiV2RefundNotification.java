package io.github.wechatpay4j.v2;

import java.util.Map;

/**
 * A refund notification of APIv2, its {@code req_info} decrypted (AES-256-ECB with the MD5 of the APIv2 key).
 *
 * @param mchId  the merchant, from the notification's envelope
 * @param appid  the app ID, from the envelope
 * @param fields the decrypted {@code req_info}'s fields
 */
public record ApiV2RefundNotification(String mchId, String appid, Map<String, String> fields)
        implements ApiV2Notification {

    public ApiV2RefundNotification {
        fields = Map.copyOf(fields);
    }

    @Override
    public String id() {
        return "v2-refund-" + refundId() + "-" + refundStatus();
    }

    @Override
    public String eventType() {
        String status = refundStatus();
        return switch (status == null ? "" : status) {
            case "SUCCESS" -> "REFUND.SUCCESS";
            case "CHANGE" -> "REFUND.ABNORMAL";
            case "REFUNDCLOSE" -> "REFUND.CLOSED";
            default -> "REFUND." + status;
        };
    }

    @Override
    public boolean isSuccess() {
        return "SUCCESS".equals(refundStatus());
    }

    public String outTradeNo() {
        return fields.get("out_trade_no");
    }

    public String transactionId() {
        return fields.get("transaction_id");
    }

    public String outRefundNo() {
        return fields.get("out_refund_no");
    }

    public String refundId() {
        return fields.get("refund_id");
    }

    /** {@code SUCCESS}, {@code CHANGE} or {@code REFUNDCLOSE}. */
    public String refundStatus() {
        return fields.get("refund_status");
    }

    /** {@code refund_fee} in fen. */
    public long refundFee() {
        return Long.parseLong(fields.getOrDefault("refund_fee", "0"));
    }

    /** {@code total_fee} in fen. */
    public long totalFee() {
        return Long.parseLong(fields.getOrDefault("total_fee", "0"));
    }

    @Override
    public String toString() {
        return "ApiV2RefundNotification[outRefundNo=" + outRefundNo() + ", refundId=" + refundId() + ", refundStatus="
                + refundStatus() + ", refundFee=" + fields.get("refund_fee") + "]";
    }
}
