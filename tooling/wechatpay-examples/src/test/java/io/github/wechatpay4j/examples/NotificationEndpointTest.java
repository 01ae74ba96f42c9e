package io.github.wechatpay4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
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
@WithFakeWechatPay
class NotificationEndpointTest {

    @Test
    void anOrderPaidOnTheFakeIsNotifiedToTheEndpoint(FakeWechatPay wechatpay, WechatPay client) throws Exception {
        List<NotificationEvent> events = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/notify", new NotificationEndpoint(client, events::add));
        http.start();
        try {
            client.chain("v3/pay/transactions/native")
                    .post(io.github.wechatpay4j.Options.json(java.util.Map.of(
                            "appid",
                            "wxd678efh567hg6787",
                            "mchid",
                            client.merchantId(),
                            "description",
                            "tea",
                            "out_trade_no",
                            "NATIVE-1",
                            "notify_url",
                            "http://127.0.0.1:" + http.getAddress().getPort() + "/notify",
                            "amount",
                            java.util.Map.of("total", 1))));
            wechatpay.pay("NATIVE-1");
            NotificationDelivery delivery =
                    wechatpay.awaitDelivery("TRANSACTION.SUCCESS", "NATIVE-1", Duration.ofSeconds(30));
            assertEquals(List.of(204), delivery.attempts());
            assertEquals(
                    "NATIVE-1",
                    ((TransactionSuccess) events.get(0)).transaction().outTradeNo());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void paymentsAreHandledOnceAndReplaysRefused(FakeWechatPay wechatpay, WechatPay client) throws Exception {
        List<NotificationEvent> events = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/notify", new NotificationEndpoint(client, events::add));
        http.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/notify");
            FakeNotification paid = wechatpay.notification(
                    "TRANSACTION.SUCCESS",
                    "{\"out_trade_no\":\"T1\"," + "\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":1}}");

            assertEquals(204, paid.postTo(url).status());
            assertEquals(204, paid.postTo(url).status());
            FakeNotification.Delivery replay = paid.withTimestamp(Instant.now().minus(Duration.ofMinutes(6)))
                    .postTo(url);

            assertEquals(401, replay.status());
            assertTrue(replay.body().startsWith("{\"code\":\"FAIL\""), replay.body());
            assertEquals(1, events.size());
            assertEquals(
                    "T1", ((TransactionSuccess) events.get(0)).transaction().outTradeNo());
        } finally {
            http.stop(0);
        }
    }
}
