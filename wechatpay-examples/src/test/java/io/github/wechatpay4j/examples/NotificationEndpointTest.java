package io.github.wechatpay4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's notification endpoint, receiving what the fake WeChat Pay posts. */
class NotificationEndpointTest {

    @Test
    void paymentsAreHandledOnceAndReplaysRefused() throws Exception {
        try (FakeWechatPay wechatpay = FakeWechatPay.start(); WechatPay client = wechatpay.clientBuilder().build()) {
            List<NotificationEvent> events = new CopyOnWriteArrayList<>();
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/notify", new NotificationEndpoint(client, events::add));
            http.start();
            try {
                URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/notify");
                FakeNotification paid = wechatpay.notification("TRANSACTION.SUCCESS", "{\"out_trade_no\":\"T1\","
                        + "\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":1}}");

                assertEquals(204, paid.postTo(url).status());
                assertEquals(204, paid.postTo(url).status());
                FakeNotification.Delivery replay = paid.withTimestamp(Instant.now().minus(Duration.ofMinutes(6)))
                        .postTo(url);

                assertEquals(401, replay.status());
                assertTrue(replay.body().startsWith("{\"code\":\"FAIL\""), replay.body());
                assertEquals(1, events.size());
                assertEquals("T1", ((TransactionSuccess) events.get(0)).transaction().outTradeNo());
            } finally {
                http.stop(0);
            }
        }
    }
}
