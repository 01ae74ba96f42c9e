package io.github.wechatpay4j.it;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.api.payments.PaymentsApi;
import io.github.wechatpay4j.api.v3.pay.transactions.Jsapi;
import io.github.wechatpay4j.api.v3.pay.transactions.out_trade_no.ByOutTradeNo;
import io.github.wechatpay4j.testkit.FakeWechatPay;

/**
 * Run in a child JVM by {@link FamilyArtifactsTest} on a class path holding, of the typed API, only
 * {@code wechatpay-api-payments} and {@code wechatpay-api-base}: places a JSAPI order against the fake, queries it, and
 * prints what it saw, one {@code key=value} per line.
 */
public final class PaymentsOnlyProbe {
    private PaymentsOnlyProbe() {}

    public static void main(String[] args) {
        for (String absent : args) {
            try {
                Class.forName(absent);
                System.out.println("present=" + absent);
            } catch (ClassNotFoundException e) {
                System.out.println("absent=" + absent);
            }
        }
        try (FakeWechatPay fake = FakeWechatPay.start();
                WechatPay client = fake.clientBuilder().build()) {
            PaymentsApi api = PaymentsApi.of(client);
            Jsapi.PostResponse prepay = api.v3()
                    .pay()
                    .transactions()
                    .jsapi()
                    .post(Jsapi.PostRequest.builder()
                            .appid("wxd678efh567hg6787")
                            .mchid(client.merchantId())
                            .description("Tea, 1 cup")
                            .outTradeNo("PAYMENTS-ONLY-1")
                            .notifyUrl("https://example.com/notify")
                            .amount(Jsapi.PostRequest.Amount.builder()
                                    .total(100)
                                    .currency("CNY")
                                    .build())
                            .payer(Jsapi.PostRequest.Payer.builder()
                                    .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                                    .build())
                            .build());
            System.out.println("prepay=" + !prepay.prepayId().isBlank());
            Transaction order = api.v3()
                    .pay()
                    .transactions()
                    .outTradeNo("PAYMENTS-ONLY-1")
                    .get(new ByOutTradeNo.GetRequest(client.merchantId()));
            System.out.println("state=" + order.tradeState().known());
            System.out.println("total=" + order.amount().total());
        }
    }
}
