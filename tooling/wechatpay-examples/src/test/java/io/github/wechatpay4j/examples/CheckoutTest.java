package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.Order;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Testing your integration" example, as written there. */
@WithFakeWechatPay // or @WithFakeWechatPay(mode = CERTIFICATE, autoCertificates = true)
class CheckoutTest {
    @Test
    void paysAnOrder(WechatPay client, FakeWechatPay wechatPay) {
        client.chain("v3/pay/transactions/native")
                .post(Options.json(Map.of(
                        "appid",
                        "wxd678efh567hg6787",
                        "mchid",
                        client.merchantId(),
                        "description",
                        "tea",
                        "out_trade_no",
                        "T100001",
                        "notify_url",
                        "https://shop.example/wechatpay/notify",
                        "amount",
                        Map.of("total", 100))));
        Order paid = wechatPay.pay("T100001"); // the payer pays; TRANSACTION.SUCCESS goes to notify_url
        Map<String, Object> order = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                .get(Options.path("out_trade_no", "T100001").withQuery("mchid", client.merchantId()))
                .asMap();
        assertEquals(paid.transactionId(), order.get("transaction_id"));

        Options byId = Options.path("id", paid.transactionId()).withQuery("mchid", client.merchantId());
        wechatPay.fault(FakeWechatPay.Fault.SYSTEM_ERROR, 1); // the next request answers 500 SYSTEM_ERROR,
        assertEquals(
                "SUCCESS",
                client.chain("v3/pay/transactions/id/{id}").get(byId).asMap().get("trade_state"));
        wechatPay.fault(FakeWechatPay.Fault.SYSTEM_ERROR); // the client's retry got the answer; now every one
        assertTrue(assertThrows(
                        ServiceException.class,
                        () -> client.chain("v3/pay/transactions/id/{id}").get(byId))
                .isRetryable());
    }
}
