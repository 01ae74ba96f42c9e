package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.v2.V2Api;
import io.github.wechatpay4j.api.v2.pay.Micropay;
import io.github.wechatpay4j.api.v2.pay.Orderquery;
import io.github.wechatpay4j.api.v2.secapi.pay.Reverse;
import io.github.wechatpay4j.v2.ApiV2ServiceException;

import java.time.Duration;

/**
 * A payment-code (付款码) checkout on APIv2: the cashier scans the payer's code; when the payer must still enter a
 * password ({@code USERPAYING}) the order is queried until it settles, and reversed if it does not in time (the
 * reversal presents the merchant's API certificate).
 */
public final class PaymentCodeCheckout {
    private final V2Api api;
    private final Duration wait;

    /** {@code client} was built with the APIv2 scheme and the client certificate; {@code wait}: between queries. */
    public PaymentCodeCheckout(WechatPay client, Duration wait) {
        this.api = V2Api.of(client);
        this.wait = wait;
    }

    /** Charges {@code totalFen} to the code {@code authCode}; true when paid, false when it was reversed. */
    public boolean charge(String outTradeNo, int totalFen, String authCode, String cashierIp, int queries)
            throws InterruptedException {
        try {
            api.v2()
                    .pay()
                    .micropay()
                    .post(Micropay.PostRequest.builder()
                            .body("Tea, 1 cup")
                            .outTradeNo(outTradeNo)
                            .totalFee(totalFen)
                            .spbillCreateIp(cashierIp)
                            .authCode(authCode)
                            .build());
            return true;
        } catch (ApiV2ServiceException e) {
            if (!e.isRetryable()) { // USERPAYING, SYSTEMERROR, BANKERROR: the outcome is not known yet
                throw e;
            }
        }
        for (int i = 0; i < queries; i++) {
            Orderquery.PostResponse order = api.v2()
                    .pay()
                    .orderquery()
                    .post(Orderquery.PostRequest.builder()
                            .outTradeNo(outTradeNo)
                            .build());
            if (Orderquery.PostResponse.TradeState.SUCCESS.equals(order.tradeState())) {
                return true;
            }
            Thread.sleep(wait.toMillis());
        }
        api.v2()
                .secapi()
                .pay()
                .reverse()
                .post(Reverse.PostRequest.builder().outTradeNo(outTradeNo).build());
        return false;
    }
}
