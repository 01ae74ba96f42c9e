package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.v2.ApiV2Key;
import io.github.wechatpay4j.v2.ApiV2Scheme;
import io.github.wechatpay4j.v2.ClientCertificate;
import io.github.wechatpay4j.v2.SignType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's APIv2 payment-code checkout against the fake WeChat Pay over TLS: paid after the payer entered the
 * password, and reversed, with the client certificate, when the payer never does.
 */
class PaymentCodeCheckoutTest {
    private FakeWechatPay wechatPay;
    private WechatPay client;

    @BeforeEach
    void start() {
        wechatPay = FakeWechatPay.start();
        client = wechatPay
                .clientBuilder()
                .allHostsTo(wechatPay.tlsBaseUrl())
                .sslContext(wechatPay.tlsTrustingContext()) // the fake's own certificate; WeChat Pay's is trusted
                .clientCertificate(ClientCertificate.fromPkcs12(
                        wechatPay.merchantCertificatePkcs12(), wechatPay.keys().mchid(), wechatPay.tlsTrustStore()))
                .scheme(
                        ApiV2Scheme.SEGMENT,
                        ApiV2Scheme.factory(
                                ApiV2Key.of(wechatPay.apiV2Key()), SignType.HMAC_SHA256, "wx2421b1c4370ec43b"))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        wechatPay.close();
    }

    @Test
    void theOrderIsPaidOnceThePayerEntersThePassword() throws Exception {
        wechatPay.apiV2PasswordAfterQueries(2);
        PaymentCodeCheckout cashier = new PaymentCodeCheckout(client, Duration.ofMillis(10));
        assertTrue(cashier.charge("PC-1", 1_200, "134567890123456789", "14.23.150.211", 5));
        assertEquals("SUCCESS", wechatPay.apiV2Order("PC-1").orElseThrow().tradeState());
        assertEquals(
                List.of("/pay/micropay", "/pay/orderquery", "/pay/orderquery"),
                wechatPay.requests().stream().map(r -> r.rawPath()).toList());
    }

    @Test
    void anOrderThePayerNeverConfirmsIsReversed() throws Exception {
        wechatPay.apiV2PasswordAfterQueries(Integer.MAX_VALUE);
        PaymentCodeCheckout cashier = new PaymentCodeCheckout(client, Duration.ofMillis(10));
        assertFalse(cashier.charge("PC-2", 1_200, "134567890123456789", "14.23.150.211", 3));
        assertEquals("REVOKED", wechatPay.apiV2Order("PC-2").orElseThrow().tradeState());
        assertEquals("/secapi/pay/reverse", wechatPay.lastRequest().rawPath());
    }
}
