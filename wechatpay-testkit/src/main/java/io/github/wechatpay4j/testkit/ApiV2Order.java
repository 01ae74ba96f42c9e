package io.github.wechatpay4j.testkit;

/**
 * An APIv2 order as the fake server holds it.
 *
 * @param outTradeNo    the merchant's order number
 * @param transactionId WeChat Pay's, once paid ({@code null} before)
 * @param tradeState    {@code NOTPAY}, {@code USERPAYING}, {@code SUCCESS}, {@code REFUND}, {@code CLOSED},
 *                      {@code REVOKED}
 * @param totalFee      in fen
 * @param tradeType     {@code JSAPI}, {@code NATIVE}, {@code APP}, {@code MWEB} or {@code MICROPAY}
 * @param openid        the payer, once known
 * @param notifyUrl     where the payment notification goes ({@code null} for payment-code orders)
 * @param signType      the algorithm the order was signed with, which its notification is signed with too
 * @param timeEnd       when it was paid, {@code yyyyMMddHHmmss} Beijing time ({@code null} before)
 */
public record ApiV2Order(
        String outTradeNo,
        String transactionId,
        String tradeState,
        long totalFee,
        String tradeType,
        String openid,
        String notifyUrl,
        String signType,
        String timeEnd) {

    ApiV2Order withState(String state) {
        return new ApiV2Order(
                outTradeNo, transactionId, state, totalFee, tradeType, openid, notifyUrl, signType, timeEnd);
    }
}
