package io.github.wechatpay4j.testkit;

import java.time.Instant;
import java.util.Optional;

/**
 * An order as the fake server holds it, at the moment it was read.
 *
 * @param outTradeNo    the merchant's order number
 * @param tradeType     {@code JSAPI}, {@code NATIVE}, {@code APP} or {@code MWEB} (H5)
 * @param state         {@code NOTPAY}, {@code SUCCESS}, {@code CLOSED} or {@code REFUND}
 * @param appid         the appid the order was placed with
 * @param description   the order's description
 * @param total         amount in fen
 * @param notifyUrl     where payment notifications go
 * @param prepayId      {@code prepay_id} for JSAPI and App orders, else {@code null}
 * @param transactionId WeChat Pay's order number once paid, else {@code null}
 * @param openid        the payer once paid (for JSAPI the one the order named), else {@code null}
 * @param successTime   when it was paid, else {@code null}
 * @param refunded      fen refunded so far
 */
public record Order(
        String outTradeNo,
        String tradeType,
        String state,
        String appid,
        String description,
        long total,
        String notifyUrl,
        String prepayId,
        String transactionId,
        String openid,
        Instant successTime,
        long refunded) {

    public Optional<String> transaction() {
        return Optional.ofNullable(transactionId);
    }
}
