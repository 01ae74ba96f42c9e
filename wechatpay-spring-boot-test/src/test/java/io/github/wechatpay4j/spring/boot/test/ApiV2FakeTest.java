package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.spring.boot.autoconfigure.WechatPayListener;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.v2.ApiV2PaymentNotification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application on APIv2 under {@link AutoConfigureFakeWechatPay}: its own APIv2 key and certificate file (absent
 * here) give way to the fake's key, so that its APIv2 calls and notifications work against the fake; a secured call,
 * which the fake's plain port cannot serve, is refused before sending.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wechatpay.merchants.main.api-v2-key=the-application's-own-32-character",
            "wechatpay.merchants.main.api-v2-sign-type=HMAC-SHA256",
            "wechatpay.merchants.main.client-certificate-location=file:/nonexistent/apiclient_cert.p12"
        })
@AutoConfigureFakeWechatPay
class ApiV2FakeTest {

    static final class Orders {
        final List<ApiV2PaymentNotification> paid = new CopyOnWriteArrayList<>();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(ApiV2PaymentNotification notification) {
            paid.add(notification);
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

    @Autowired
    WechatPay client;

    @Autowired
    FakeWechatPay fake;

    @Autowired
    Orders orders;

    @LocalServerPort
    int port;

    @Test
    void anApiV2OrderIsPaidAndItsNotificationReachesTheListener() {
        client.chain("v2/pay/unifiedorder")
                .post(Options.xml(Map.of(
                        "body", "Tea",
                        "out_trade_no", "V2-SPRING-1",
                        "total_fee", 100,
                        "spbill_create_ip", "127.0.0.1",
                        "notify_url", "http://127.0.0.1:" + port + "/wechatpay/notifications/main/v2",
                        "trade_type", "NATIVE")));
        fake.payApiV2("V2-SPRING-1");
        NotificationDelivery delivery = fake.awaitDelivery("APIV2.TRANSACTION", "V2-SPRING-1", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, delivery.state(), delivery::toString);
        assertEquals("V2-SPRING-1", orders.paid.get(0).outTradeNo());

        ConfigurationException secured = assertThrows(
                ConfigurationException.class,
                () -> client.chain("v2/secapi/pay/reverse").post(Options.xml(Map.of("out_trade_no", "V2-SPRING-1"))));
        assertTrue(secured.getMessage().contains("client certificate"), secured.getMessage());
    }
}
