package io.github.wechatpay4j.sample;

import io.github.wechatpay4j.spring.boot.test.AutoConfigureFakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample shop end to end on a real embedded server, against the fake WeChat Pay, driven over HTTP as its
 * mini-program and WeChat Pay would drive it: checkout (a JSAPI order and the {@code wx.requestPayment} parameters),
 * the payer pays at the fake, whose TRANSACTION.SUCCESS notification reaches the shop's listener, a refund with its
 * REFUND.SUCCESS notification, and the day's bill with the order in it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shop.notify-url=http://localhost:${local.server.port}/wechatpay/notifications/main")
@AutoConfigureFakeWechatPay
class ShopApplicationTest {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FakeWechatPay wechatPay;

    @Value("${local.server.port}")
    int port;

    private String call(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    @Test
    void checkoutPaymentRefundAndBill() throws Exception {
        String checkout = call(
                "POST",
                "/orders",
                "{\"description\":\"Tea\",\"total\":300,\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}");
        String outTradeNo = field(checkout, "outTradeNo");
        assertTrue(field(checkout, "package").startsWith("prepay_id="), checkout);
        assertEquals("RSA", field(checkout, "signType"));
        assertEquals("CREATED", field(call("GET", "/orders/" + outTradeNo, null), "status"));

        Order paid = wechatPay.pay(outTradeNo); // the payer pays in WeChat
        NotificationDelivery payment = wechatPay.awaitDelivery("TRANSACTION.SUCCESS", outTradeNo, DELIVERY);
        assertEquals(NotificationDelivery.State.DELIVERED, payment.state(), payment::toString);
        String order = call("GET", "/orders/" + outTradeNo, null);
        assertEquals("PAID", field(order, "status"));
        assertEquals(paid.transactionId(), field(order, "transactionId"));

        String refund = call("POST", "/orders/" + outTradeNo + "/refunds", "{\"amount\":100}");
        String outRefundNo = field(refund, "outRefundNo");
        NotificationDelivery refunded = wechatPay.awaitDelivery("REFUND.SUCCESS", outRefundNo, DELIVERY);
        assertEquals(NotificationDelivery.State.DELIVERED, refunded.state(), refunded::toString);
        order = call("GET", "/orders/" + outTradeNo, null);
        assertEquals("REFUNDED", field(order, "status"));
        assertEquals("100", field(order, "refunded"));

        String bill = call("GET", "/bills/" + LocalDate.now(ZoneOffset.ofHours(8)), null);
        assertTrue(bill.contains(outTradeNo), bill);
    }

    @Test
    void theHealthEndpointShowsTheMerchantTalkingToTheFake() throws Exception {
        String health = call("GET", "/actuator/health/wechatpay/main", null);
        assertEquals("UP", field(health, "status"));
        assertEquals(wechatPay.keys().mchid(), field(health, "merchantId"));
    }
}
