package io.github.wechatpay4j.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.Order;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "First integration", run end to end against the fake WeChat Pay. */
@WithFakeWechatPay
class FirstIntegrationTest {

    @Test
    void orderPayNotifyQueryRefundBill(WechatPay client, FakeWechatPay wechatPay, @TempDir Path dir) throws Exception {
        FirstIntegration shop = new FirstIntegration(client, "wxd678efh567hg6787");
        List<Transaction> paid = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext(
                "/wechatpay/notify",
                exchange -> { // the shop's notify_url
                    try (exchange) {
                        NotificationReply reply = shop.onNotification(
                                exchange.getRequestBody().readAllBytes(),
                                exchange.getRequestHeaders()::getFirst,
                                paid::add);
                        byte[] out = reply.bodyBytes();
                        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                        exchange.getResponseBody().write(out);
                    }
                });
        endpoint.start();
        try {
            JsapiPayment pay = shop.checkout(
                    "FIRST-1",
                    300,
                    "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                    "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/wechatpay/notify");
            assertTrue(pay.packageValue().startsWith("prepay_id="));
            assertFalse(shop.isPaid("FIRST-1"));
            Order order = wechatPay.pay("FIRST-1");
            assertEquals(
                    NotificationDelivery.State.DELIVERED,
                    wechatPay
                            .awaitDelivery("TRANSACTION.SUCCESS", "FIRST-1", Duration.ofSeconds(20))
                            .state());
            assertEquals(order.transactionId(), paid.get(0).transactionId());
        } finally {
            endpoint.stop(0);
        }
        assertEquals(300L, paid.get(0).amount().total());
        assertTrue(shop.isPaid("FIRST-1"));

        assertEquals("FIRST-1", shop.refund("FIRST-1", "FIRST-1-R1", 100, 300).outTradeNo());

        Path csv = dir.resolve("tradebill.csv");
        long size = shop.tradeBill(LocalDate.now(ZoneOffset.ofHours(8)).toString(), csv);
        assertEquals(Files.size(csv), size);
        assertTrue(Files.readString(csv, StandardCharsets.UTF_8).contains("FIRST-1"));
    }
}
