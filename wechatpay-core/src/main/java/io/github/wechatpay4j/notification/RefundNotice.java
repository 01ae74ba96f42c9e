package io.github.wechatpay4j.notification;

import java.time.OffsetDateTime;

/**
 * {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} or {@code REFUND.CLOSED}: a refund reached a final state, given by
 * {@link Refund#refundStatus()} ({@code SUCCESS}, {@code ABNORMAL}, {@code CLOSED}).
 */
public record RefundNotice(Notification notification, Refund refund) implements NotificationEvent {

    /** Whether the refund succeeded ({@code REFUND.SUCCESS}). */
    public boolean isSuccess() {
        return "REFUND.SUCCESS".equals(notification.eventType());
    }

    /** The decrypted {@code refund} resource. */
    public record Refund(
            String mchid,
            String spMchid,
            String subMchid,
            String outTradeNo,
            String transactionId,
            String outRefundNo,
            String refundId,
            String refundStatus,
            OffsetDateTime successTime,
            String userReceivedAccount,
            Amount amount) {

        @Override
        public String toString() {
            return "Refund[mchid=" + mchid + ", subMchid=" + subMchid + ", outTradeNo=" + outTradeNo
                    + ", outRefundNo=" + outRefundNo + ", refundId=" + refundId + ", refundStatus=" + refundStatus
                    + ", successTime=" + successTime + ", amount=" + amount + "]";
        }
    }

    /** Amounts in fen (分). */
    public record Amount(long total, long refund, long payerTotal, long payerRefund) {}
}
