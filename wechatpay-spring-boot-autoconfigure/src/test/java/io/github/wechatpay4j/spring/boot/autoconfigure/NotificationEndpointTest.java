package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notification endpoint in a real application on an embedded Tomcat: the fake WeChat Pay signs, encrypts and
 * posts notifications over HTTP; they reach the {@link WechatPayListener} once, however often they are delivered,
 * and a listener's failure makes the endpoint answer one, so that WeChat Pay delivers again.
 */
class NotificationEndpointTest {
    private static final TestKeys KEYS = TestKeys.generate("1900000109");
    /** A second merchant, configured without an APIv3 key: it queries but cannot decrypt notifications. */
    private static final TestKeys QUERY_ONLY = TestKeys.generate("1900000110");

    private static FakeWechatPay fake;
    private static ConfigurableApplicationContext app;
    private static URI endpoint;

    /** A listener as an application writes one. */
    static final class Orders {
        final List<TransactionSuccess> paid = new CopyOnWriteArrayList<>();
        final List<NotificationEvent> all = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(TransactionSuccess event) {
            if (failing.get()) {
                throw new IllegalStateException("the order database is down");
            }
            paid.add(event);
        }

        @WechatPayListener(value = "*", merchant = "main")
        void any(NotificationEvent event) {
            all.add(event);
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
    static void start() {
        fake = FakeWechatPay.start(KEYS, FakeWechatPay.Mode.PUBLIC_KEY);
        app = TestApps.start(
                App.class,
                WebApplicationType.SERVLET,
                "--management.endpoints.web.exposure.include=env,configprops,health",
                TestApps.merchant("main", KEYS, fake),
                TestApps.merchant("queries", QUERY_ONLY));
        endpoint = TestApps.base(app).resolve("/wechatpay/notifications/main");
    }

    @AfterAll
    static void stop() throws Exception {
        TestApps.close(app, fake);
    }

    private static FakeNotification paid(String outTradeNo) {
        return TestApps.paid(fake, outTradeNo);
    }

    @Test
    void aNotificationReachesItsListenerOnceHoweverOftenItIsDelivered() {
        Orders orders = app.getBean(Orders.class);
        FakeNotification n = paid("T-ONCE");
        assertTrue(n.postTo(endpoint).status() / 100 == 2);
        assertTrue(n.postTo(endpoint).status() / 100 == 2, "a redelivery is acknowledged");
        assertEquals(
                1,
                orders.paid.stream()
                        .filter(e -> e.transaction().outTradeNo().equals("T-ONCE"))
                        .count());
        assertEquals(100, orders.paid.get(0).transaction().amount().total());
        assertTrue(orders.all.stream().anyMatch(e -> e.id().equals(n.id())), "the catch-all listener too");
    }

    @Test
    void aListenerThatFailsMakesWechatPayDeliverAgainAndTheRetryIsHandled() {
        Orders orders = app.getBean(Orders.class);
        FakeNotification n = paid("T-RETRY");
        orders.failing.set(true);
        try {
            FakeNotification.Delivery failed = n.postTo(endpoint);
            assertEquals(500, failed.status());
            assertTrue(failed.body().contains("FAIL"), failed.body());
        } finally {
            orders.failing.set(false);
        }
        assertTrue(n.postTo(endpoint).status() / 100 == 2, "delivered again, handled this time");
        assertEquals(
                1,
                orders.paid.stream()
                        .filter(e -> e.transaction().outTradeNo().equals("T-RETRY"))
                        .count());
    }

    @Test
    void noSecretShowsInTheActuatorsEnvAndConfigprops() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/actuator/env", "/actuator/configprops")) {
            java.net.http.HttpResponse<String> answer = http.send(
                    java.net.http.HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), path);
            assertTrue(answer.body().contains("wechatpay"), path + " lists the properties");
            for (TestKeys k : List.of(KEYS, QUERY_ONLY)) {
                String pem = k.merchantPrivateKeyPem();
                String keyMaterial = pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 41);
                assertTrue(!answer.body().contains(keyMaterial), path + " shows no private key");
            }
            assertTrue(!answer.body().contains(KEYS.apiV3Key()), path + " shows no APIv3 key");
        }
    }

    @Test
    void aTamperedNotificationOrAnUnknownMerchantIsRefused() {
        assertEquals(401, paid("T-BAD").withTamperedBody().postTo(endpoint).status());
        assertEquals(
                404,
                paid("T-X")
                        .postTo(URI.create(endpoint.toString().replace("/main", "/other")))
                        .status());
    }

    @Test
    void theJsonAdapterIsTheApplicationsJackson() {
        // Boot 4's application Jackson is Jackson 3 (a JsonMapper bean): its adapter is chosen although the Jackson 2
        // adapter, which the starter brings, has the higher discovery priority
        boolean jackson3 = org.springframework.util.ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null)
                && app.getBeanNamesForType(
                                        org.springframework.util.ClassUtils.resolveClassName(
                                                "tools.jackson.databind.json.JsonMapper", null),
                                        true,
                                        false)
                                .length
                        > 0;
        assertEquals(
                org.springframework.util.ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null),
                jackson3,
                "Jackson 3 is on the class path only on Boot 4, whose JSON auto-configuration makes the JsonMapper bean");
        String codec = app.getBean(WechatPayClients.class)
                .get("main")
                .jsonCodec()
                .getClass()
                .getName();
        assertEquals(
                jackson3
                        ? "io.github.wechatpay4j.json.jackson3.Jackson3JsonCodec"
                        : "io.github.wechatpay4j.json.jackson.JacksonJsonCodec",
                codec);
    }
}
