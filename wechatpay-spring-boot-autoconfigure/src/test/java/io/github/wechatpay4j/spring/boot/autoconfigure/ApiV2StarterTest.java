package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.v2.ApiV2PaymentNotification;
import io.github.wechatpay4j.v2.ApiV2RefundNotification;
import io.github.wechatpay4j.v2.ApiV2ServiceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * APIv2 through the starter, in a real application on an embedded Tomcat against the fake WeChat Pay: the merchant's
 * {@code api-v2-key} turns on {@code v2/…} calls and its APIv2 notification endpoint, whose payment and (encrypted)
 * refund notifications, posted by the fake over HTTP, reach {@link WechatPayListener} methods that take the APIv2
 * types; {@code client-certificate-location} gives the secured calls their own transport.
 */
class ApiV2StarterTest {
    private static final TestKeys KEYS = TestKeys.generate("1900000109");

    @TempDir
    static Path dir;

    private static FakeWechatPay fake;
    private static ConfigurableApplicationContext app;

    /** Listeners as an application on APIv2 writes them, beside an APIv3 one that must not see APIv2 events. */
    static final class Orders {
        final List<ApiV2PaymentNotification> paid = new CopyOnWriteArrayList<>();
        final List<ApiV2RefundNotification> refunded = new CopyOnWriteArrayList<>();
        final List<TransactionSuccess> paidV3 = new CopyOnWriteArrayList<>();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(ApiV2PaymentNotification notification) {
            paid.add(notification);
        }

        @WechatPayListener("REFUND.SUCCESS")
        void refunded(ApiV2RefundNotification notification) {
            refunded.add(notification);
        }

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paidV3(TransactionSuccess event) {
            paidV3.add(event);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        fake = FakeWechatPay.start(KEYS, FakeWechatPay.Mode.PUBLIC_KEY);
        Path p12 = Files.write(dir.resolve("apiclient_cert.p12"), fake.merchantCertificatePkcs12());
        app = TestApps.start(
                App.class,
                WebApplicationType.SERVLET,
                TestApps.merchant("main", KEYS, fake),
                "--wechatpay.merchants.main.api-v2-key=" + fake.apiV2Key(),
                "--wechatpay.merchants.main.api-v2-sign-type=HMAC-SHA256",
                "--wechatpay.merchants.main.api-v2-appid=wx2421b1c4370ec43b",
                "--wechatpay.merchants.main.client-certificate-location=" + p12.toUri());
    }

    @AfterAll
    static void stop() throws Exception {
        TestApps.close(app, fake);
    }

    @Test
    void anOrderIsPaidAndRefundedAndBothApiV2NotificationsReachTheirListeners() {
        WechatPay client = app.getBean(WechatPayClients.class).get("main");
        String notifyUrl =
                TestApps.base(app).resolve("/wechatpay/notifications/main/v2").toString();
        Map<String, Object> prepay = client.chain("v2/pay/unifiedorder")
                .post(Options.xml(Map.of(
                        "body", "腾讯充值中心-QQ会员充值",
                        "out_trade_no", "S20261201001",
                        "total_fee", 3_000,
                        "spbill_create_ip", "123.12.12.123",
                        "notify_url", notifyUrl,
                        "trade_type", "NATIVE")))
                .asMap();
        assertTrue(((String) prepay.get("code_url")).startsWith("weixin://"));
        assertEquals(
                "HMAC-SHA256", fake.apiV2Order("S20261201001").orElseThrow().signType());

        fake.payApiV2("S20261201001");
        NotificationDelivery payment = fake.awaitDelivery("APIV2.TRANSACTION", "S20261201001", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, payment.state(), payment::toString);
        fake.refundApiV2("S20261201001", "SR20261201001", 1_000, notifyUrl);
        NotificationDelivery refund = fake.awaitDelivery("APIV2.REFUND", "SR20261201001", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, refund.state(), refund::toString);

        Orders orders = app.getBean(Orders.class);
        assertEquals(1, orders.paid.size());
        assertEquals("S20261201001", orders.paid.get(0).outTradeNo());
        assertEquals(1, orders.refunded.size());
        assertEquals(1_000, orders.refunded.get(0).refundFee());
        assertTrue(orders.paidV3.isEmpty(), "an APIv3 listener does not take APIv2 events");
    }

    @Test
    void aSecuredCallGoesThroughTheClientCertificateTransport() {
        WechatPay client = app.getBean(WechatPayClients.class).get("main");
        // the fake's plain-HTTP port sees no certificate, so it refuses: the call was sent, not refused locally
        ApiV2ServiceException refused = assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/secapi/pay/reverse").post(Options.xml(Map.of("out_trade_no", "S0"))));
        assertFalse(refused.isBusinessFailure());
        assertTrue(refused.errorMessage().orElseThrow().contains("证书"), refused::getMessage);
    }

    @Test
    void aWrongCertificatePasswordStopsTheContextNamingTheProperty() {
        ConfigurationException e = configurationError(() -> TestApps.start(
                        App.class,
                        WebApplicationType.NONE,
                        TestApps.merchant("other", TestKeys.generate("1900000110")),
                        "--wechatpay.merchants.other.api-v2-key=" + fake.apiV2Key(),
                        "--wechatpay.merchants.other.client-certificate-location="
                                + dir.resolve("apiclient_cert.p12").toUri())
                .close());
        // the file's password is merchant 1900000109's ID, not 1900000110's
        assertTrue(e.getMessage().contains("wechatpay.merchants.other.client-certificate-location"), e::getMessage);
        ConfigurationException noKey = configurationError(() -> TestApps.start(
                        App.class,
                        WebApplicationType.NONE,
                        TestApps.merchant("other", TestKeys.generate("1900000110")),
                        "--wechatpay.merchants.other.api-v2-sign-type=MD5")
                .close());
        assertTrue(noKey.getMessage().contains("api-v2-key"), noKey::getMessage);
    }

    /** The configuration error under the context's failure to start. */
    private static ConfigurationException configurationError(Runnable start) {
        RuntimeException failed = assertThrows(RuntimeException.class, start::run);
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigurationException under " + failed, failed);
    }
}
