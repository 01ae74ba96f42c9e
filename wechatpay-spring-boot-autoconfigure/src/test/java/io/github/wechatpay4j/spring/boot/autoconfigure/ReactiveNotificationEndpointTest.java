package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.v2.ApiV2PaymentNotification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notification endpoint on a WebFlux application (embedded Netty): the fake's notifications reach the listener
 * once, off the event loop; a listener's failure, a tampered body, an oversized body and an unknown merchant are each
 * answered as WeChat Pay expects.
 */
class ReactiveNotificationEndpointTest {
    private static final TestKeys KEYS = TestKeys.generate("1900000121");

    private static FakeWechatPay fake;
    private static ConfigurableApplicationContext app;
    private static URI endpoint;

    static final class Payments {
        final List<String> paid = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(TransactionSuccess event) {
            threads.add(Thread.currentThread().getName());
            if (failing.get()) {
                throw new IllegalStateException("the order database is down");
            }
            paid.add(event.transaction().outTradeNo());
        }

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paidV2(ApiV2PaymentNotification notification) {
            threads.add(Thread.currentThread().getName());
            paid.add("v2:" + notification.outTradeNo());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Payments payments() {
            return new Payments();
        }
    }

    @BeforeAll
    static void start() {
        fake = FakeWechatPay.start(KEYS, FakeWechatPay.Mode.PUBLIC_KEY);
        app = TestApps.start(
                App.class,
                WebApplicationType.REACTIVE,
                "--wechatpay.notification-path=/hooks/wechatpay",
                TestApps.merchant("main", KEYS, fake),
                "--wechatpay.merchants.main.api-v2-key=" + fake.apiV2Key());
        endpoint = TestApps.base(app).resolve("/hooks/wechatpay/main");
    }

    @AfterAll
    static void stop() throws Exception {
        TestApps.close(app, fake);
    }

    private static FakeNotification paid(String outTradeNo) {
        return TestApps.paid(fake, outTradeNo);
    }

    @Test
    void aNotificationReachesTheListenerOnceOffTheEventLoop() {
        Payments payments = app.getBean(Payments.class);
        FakeNotification n = paid("FLUX-ORDER-1");
        assertEquals(204, n.postTo(endpoint).status());
        assertEquals(204, n.postTo(endpoint).status(), "a redelivery is acknowledged");
        assertEquals(1, payments.paid.stream().filter("FLUX-ORDER-1"::equals).count());
        assertTrue(
                payments.threads.stream().allMatch(t -> t.startsWith("boundedElastic")),
                "listeners may block, so they never run on Netty's event loop: " + payments.threads);
    }

    @Test
    void aListenerFailureIsAFailureReplyAndTheRedeliveryIsHandled() {
        Payments payments = app.getBean(Payments.class);
        FakeNotification n = paid("FLUX-ORDER-2");
        payments.failing.set(true);
        try {
            FakeNotification.Delivery failed = n.postTo(endpoint);
            assertEquals(500, failed.status());
            assertTrue(failed.body().contains("FAIL"), failed.body());
        } finally {
            payments.failing.set(false);
        }
        assertEquals(204, n.postTo(endpoint).status());
        assertEquals(1, payments.paid.stream().filter("FLUX-ORDER-2"::equals).count());
    }

    @Test
    void anApiV2PaymentNotificationReachesItsListenerOffTheEventLoop() {
        Payments payments = app.getBean(Payments.class);
        WechatPay client = app.getBean(WechatPayClients.class).get("main");
        client.chain("v2/pay/unifiedorder")
                .post(Options.xml(Map.of(
                        "body", "flux",
                        "out_trade_no", "FLUX-V2-1",
                        "total_fee", 100,
                        "spbill_create_ip", "127.0.0.1",
                        "notify_url", endpoint + "/v2",
                        "trade_type", "NATIVE")));
        fake.payApiV2("FLUX-V2-1");
        NotificationDelivery delivery = fake.awaitDelivery("APIV2.TRANSACTION", "FLUX-V2-1", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, delivery.state(), delivery::toString);
        assertEquals(1, payments.paid.stream().filter("v2:FLUX-V2-1"::equals).count());
        assertTrue(payments.threads.stream().allMatch(t -> t.startsWith("boundedElastic")), payments.threads::toString);
    }

    @Test
    void tamperedOversizedUnknownAndNonPostRequestsAreRefused() throws Exception {
        assertEquals(401, paid("FLUX-BAD").withTamperedBody().postTo(endpoint).status());
        assertEquals(
                404,
                paid("FLUX-X")
                        .postTo(URI.create(endpoint.toString().replace("/main", "/other")))
                        .status());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> big = http.send(
                HttpRequest.newBuilder(endpoint)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        HttpResponse<String> get =
                http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
    }
}
