package io.github.wechatpay4j.testkit;

import java.time.Instant;

/**
 * A refund as the fake server holds it, at the moment it was read.
 *
 * @param outRefundNo   the merchant's refund number
 * @param refundId      WeChat Pay's refund number
 * @param outTradeNo    the refunded order
 * @param transactionId the refunded order's WeChat Pay number
 * @param refund        fen refunded
 * @param total         the order's total in fen
 * @param status        {@code PROCESSING} or {@code SUCCESS}
 * @param createTime    when it was accepted
 * @param successTime   when it completed, else {@code null}
 * @param notifyUrl     where the refund notification goes, or {@code null} for none
 */
public record Refund(
        String outRefundNo,
        String refundId,
        String outTradeNo,
        String transactionId,
        long refund,
        long total,
        String status,
        Instant createTime,
        Instant successTime,
        String notifyUrl) {}
