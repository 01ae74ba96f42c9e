package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.spring.boot.autoconfigure.WechatPayListener;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One annotation, and a {@code @SpringBootTest} talks to a fake WeChat Pay: an order placed through the starter's
 * client, paid by the fake, whose notification the fake posts over HTTP to the application's endpoint by its own
 * retry schedule, and which reaches the listener once although its first delivery failed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the application's own configuration names a key file that does not exist here: the fake's keys win
        properties = "wechatpay.merchants.main.private-key-location=file:/nonexistent/apiclient_key.pem")
@AutoConfigureFakeWechatPay
class FakeWechatPayTest {

    /** A listener whose first call fails, as an order database that is briefly down would. */
    static final class Orders {
        final List<TransactionSuccess> paid = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(TransactionSuccess event) {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the order database is briefly down");
            }
            paid.add(event);
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
    FakeWechatPay fake;

    @Autowired
    WechatPay client;

    @Autowired
    Orders orders;

    @Value("${local.server.port}") // Boot 3 and 4 keep @LocalServerPort in different packages; the property is one
    int port;

    @Test
    void anOrderPaidAtTheFakeIsNotifiedToTheListenerOnceDespiteAFailedFirstDelivery() {
        fake.notificationRetrySchedule(List.of(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20)));
        String no = "SPRING-FAKE-0001";
        client.chain("v3/pay/transactions/jsapi")
                .post(Options.json(Map.of(
                        "appid",
                        "wxd678efh567hg6787",
                        "mchid",
                        client.merchantId(),
                        "description",
                        "test slice",
                        "out_trade_no",
                        no,
                        "notify_url",
                        "http://localhost:" + port + "/wechatpay/notifications/main",
                        "amount",
                        Map.of("total", 100, "currency", "CNY"),
                        "payer",
                        Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))));

        fake.pay(no);
        NotificationDelivery delivery = fake.awaitDelivery("TRANSACTION.SUCCESS", no, Duration.ofSeconds(20));

        assertEquals(NotificationDelivery.State.DELIVERED, delivery.state());
        assertEquals(500, delivery.attempts().get(0), "the listener's failure is answered as one: " + delivery);
        assertEquals(1, orders.paid.size());
        assertEquals(no, orders.paid.get(0).transaction().outTradeNo());
        assertEquals(100, orders.paid.get(0).transaction().amount().total());
        assertEquals(2, orders.calls.get(), "delivered again, and handled then");
    }
}
