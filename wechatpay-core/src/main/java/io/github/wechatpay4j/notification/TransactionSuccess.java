package io.github.wechatpay4j.notification;

import java.time.OffsetDateTime;

/**
 * {@code TRANSACTION.SUCCESS}: a payment succeeded. Check {@code amount.total} and {@code out_trade_no} against your
 * order before shipping.
 */
public record TransactionSuccess(Notification notification, Transaction transaction) implements NotificationEvent {

    /** The decrypted resource of a successful payment (direct merchants and service providers). */
    public record Transaction(
            String appid,
            String mchid,
            String spAppid,
            String spMchid,
            String subAppid,
            String subMchid,
            String outTradeNo,
            String transactionId,
            String tradeType,
            String tradeState,
            String tradeStateDesc,
            String bankType,
            String attach,
            OffsetDateTime successTime,
            Payer payer,
            Amount amount) {

        @Override
        public String toString() {
            return "Transaction[mchid=" + mchid + ", subMchid=" + subMchid + ", outTradeNo=" + outTradeNo
                    + ", transactionId=" + transactionId + ", tradeType=" + tradeType + ", tradeState=" + tradeState
                    + ", successTime=" + successTime + ", amount=" + amount + "]";
        }
    }

    /** The payer's OpenIDs; never shown by {@code toString()}. */
    public record Payer(String openid, String spOpenid, String subOpenid) {
        @Override
        public String toString() {
            return "Payer[hidden]";
        }
    }

    /** Amounts in fen (分). */
    public record Amount(long total, long payerTotal, String currency, String payerCurrency) {}
}
