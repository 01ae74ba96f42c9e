package io.github.wechatpay4j.v2;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.Downloaded;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.testkit.ApiV2Order;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * APIv2 end to end against the fake WeChat Pay (the testkit's own XML, signatures and AES, independent of this
 * module) over real TLS: the plain calls through the client's transport, the secured ones ({@code secapi}) through
 * its client-certificate transport presenting {@code apiclient_cert.p12}; a payment notification and a refund
 * notification whose {@code req_info} is encrypted, delivered by the fake over HTTP to a notification endpoint.
 */
class ApiV2AgainstTheFakeTest {
    private static final String APPID = "wx2421b1c4370ec43b";

    private FakeWechatPay fake;
    private WechatPay client;
    private HttpServer endpoint;
    private final List<ApiV2Notification> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = FakeWechatPay.start();
        client = v2Client(fake.clientBuilder())
                .clientCertificate(ClientCertificate.fromPkcs12(
                        fake.merchantCertificatePkcs12(), fake.keys().mchid(), fake.tlsTrustStore()))
                .build();
        ApiV2Notifications notifications = ApiV2Notifications.of(
                        fake.keys().mchid(), ApiV2Key.of(fake.apiV2Key()), SignType.HMAC_SHA256)
                .withDeliveryTracker(DeliveryTracker.inMemory(1_000));
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/wxpay/v2/notify", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                ApiV2Reply reply = notifications.handle(in.readAllBytes(), handled::add);
                byte[] body = reply.bodyBytes();
                exchange.getResponseHeaders().set("Content-Type", ApiV2Reply.CONTENT_TYPE);
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        });
        endpoint.start();
    }

    private WechatPay.Builder v2Client(WechatPay.Builder builder) {
        return builder.allHostsTo(fake.tlsBaseUrl())
                .sslContext(fake.tlsTrustingContext())
                .scheme("v2", ApiV2Scheme.factory(ApiV2Key.of(fake.apiV2Key()), SignType.HMAC_SHA256, APPID));
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.stop(0);
        fake.close();
    }

    private String notifyUrl() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/wxpay/v2/notify";
    }

    @Test
    void micropayWhileThePayerEntersTheirPasswordThenQueryThenReverseWithTheClientCertificate() throws Exception {
        ApiV2ServiceException paying = assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/pay/micropay")
                        .post(Options.xml(Map.of(
                                "body", "image形象店-深圳腾大- QQ公仔",
                                "out_trade_no", "M20261201001",
                                "total_fee", 888,
                                "spbill_create_ip", "14.23.150.211",
                                "auth_code", "134567890123456789"))));
        assertTrue(paying.isBusinessFailure());
        assertEquals("USERPAYING", paying.code().orElseThrow());

        Map<String, Object> order = client.chain("v2/pay/orderquery")
                .postAsync(Options.xml(Map.of("out_trade_no", "M20261201001")))
                .get(10, TimeUnit.SECONDS)
                .asMap();
        assertEquals("SUCCESS", order.get("trade_state"));
        assertEquals("888", order.get("total_fee"));
        assertTrue(((String) order.get("transaction_id")).startsWith("42000"));

        Map<String, Object> reversed = client.chain("v2/secapi/pay/reverse")
                .post(Options.xml(Map.of("out_trade_no", "M20261201001")))
                .asMap();
        assertEquals("N", reversed.get("recall"));
        assertEquals("REVOKED", fake.apiV2Order("M20261201001").orElseThrow().tradeState());
        assertEquals(
                List.of("/pay/micropay", "/pay/orderquery", "/secapi/pay/reverse"),
                fake.requests().stream().map(r -> r.rawPath()).toList());
    }

    @Test
    void aPaidOrderIsRefundedAndBothNotificationsArriveVerifiedAndDecrypted() {
        Map<String, Object> prepay = client.chain("v2/pay/unifiedorder")
                .post(Options.xml(Map.of(
                        "body", "腾讯充值中心-QQ会员充值",
                        "out_trade_no", "U20261201001",
                        "total_fee", 2_000,
                        "spbill_create_ip", "123.12.12.123",
                        "notify_url", notifyUrl(),
                        "trade_type", "JSAPI",
                        "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")))
                .asMap();
        assertTrue(((String) prepay.get("prepay_id")).startsWith("wx"));

        ApiV2Order paid = fake.payApiV2("U20261201001");
        NotificationDelivery payment = fake.awaitDelivery("APIV2.TRANSACTION", "U20261201001", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, payment.state(), payment::toString);
        ApiV2PaymentNotification paymentNotice = assertInstanceOf(ApiV2PaymentNotification.class, handled.get(0));
        assertEquals(paid.transactionId(), paymentNotice.transactionId());
        assertEquals("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", paymentNotice.openid());

        Map<String, Object> refund = client.chain("v2/secapi/pay/refund")
                .post(Options.xml(Map.of(
                        "out_trade_no",
                        "U20261201001",
                        "out_refund_no",
                        "R20261201001",
                        "total_fee",
                        2_000,
                        "refund_fee",
                        500,
                        "notify_url",
                        notifyUrl())))
                .asMap();
        assertEquals("500", refund.get("refund_fee"));
        NotificationDelivery refunded = fake.awaitDelivery("APIV2.REFUND", "R20261201001", Duration.ofSeconds(10));
        assertEquals(NotificationDelivery.State.DELIVERED, refunded.state(), refunded::toString);
        ApiV2RefundNotification refundNotice = assertInstanceOf(ApiV2RefundNotification.class, handled.get(1));
        assertEquals("R20261201001", refundNotice.outRefundNo());
        assertEquals(refund.get("refund_id"), refundNotice.refundId());
        assertEquals("SUCCESS", refundNotice.refundStatus());
        assertEquals("REFUND.SUCCESS", refundNotice.eventType());
        assertEquals("TRANSACTION.SUCCESS", paymentNotice.eventType());
        assertEquals("500", refundNotice.fields().get("refund_fee"));

        Map<String, Object> query = client.chain("v2/pay/refundquery")
                .post(Options.xml(Map.of("out_refund_no", "R20261201001")))
                .asMap();
        assertEquals("SUCCESS", query.get("refund_status_0"));
    }

    @Test
    void theDaysBillStreamsGzippedAndADayWithoutOneIsATypedFailure() throws Exception {
        assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/pay/micropay")
                        .post(Options.xml(Map.of(
                                "body", "bill",
                                "out_trade_no", "B20261201001",
                                "total_fee", 1_234,
                                "spbill_create_ip", "14.23.150.211",
                                "auth_code", "134567890123456789"))));
        client.chain("v2/pay/orderquery").post(Options.xml(Map.of("out_trade_no", "B20261201001")));
        String today = fake.apiV2Order("B20261201001").orElseThrow().timeEnd().substring(0, 8);

        Path target = Files.createTempDirectory("wechatpay4j-v2-bill").resolve("bill.csv");
        Downloaded downloaded = client.chain("v2/pay/downloadbill")
                .download(Options.xml(Map.of("bill_date", today, "bill_type", "ALL", "tar_type", "GZIP")))
                .gunzipIfGzipped()
                .toFile(target);
        String bill = Files.readString(target);
        assertEquals(Files.size(target), downloaded.size());
        // the fake's header and totals are WeChat Pay's, as a real bill has them (ApiV2SchemeTest.BILL, from the
        // axios plugin's fixture)
        String[] real = ApiV2SchemeTest.BILL.split("\r\n");
        String[] lines = bill.split("\r\n");
        assertEquals(real[0], lines[0]);
        assertEquals(real[2], lines[lines.length - 2]);
        assertTrue(bill.contains("`B20261201001"), bill);
        assertTrue(bill.contains("`12.34"), bill);

        ApiV2ServiceException none = assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/pay/downloadbill")
                        .download(Options.xml(Map.of("bill_date", "20000101", "bill_type", "ALL")))
                        .toBytes());
        assertFalse(none.isBusinessFailure());
        assertEquals("20002", none.code().orElseThrow());
        assertEquals("No Bill Exist", none.errorMessage().orElseThrow());
        Files.delete(target);
        Files.delete(target.getParent());
    }

    @Test
    void aSecuredCallWithoutTheClientCertificateIsRefusedBeforeOrByWeChatPay() {
        try (WechatPay withoutCertificate = v2Client(fake.clientBuilder()).build()) {
            ConfigurationException local = assertThrows(
                    ConfigurationException.class,
                    () -> withoutCertificate
                            .chain("v2/secapi/pay/reverse")
                            .post(Options.xml(Map.of("out_trade_no", "X1"))));
            assertTrue(local.getMessage().contains("clientCertificate"), local.getMessage());
            assertTrue(fake.requests().isEmpty(), "refused before sending");
        }
        // a transport of the user's own that presents no certificate: WeChat Pay (the fake) refuses the call
        JdkHttpTransport noCertificate = new JdkHttpTransport(TransportOptions.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withSslContext(fake.tlsTrustingContext()));
        try (noCertificate;
                WechatPay mistaken = fake.clientBuilder()
                        .allHostsTo(fake.tlsBaseUrl())
                        .transport(noCertificate)
                        .clientCertificateTransport(noCertificate)
                        .scheme("v2", ApiV2Scheme.factory(ApiV2Key.of(fake.apiV2Key()), SignType.MD5))
                        .build()) {
            ApiV2ServiceException refused = assertThrows(
                    ApiV2ServiceException.class,
                    () -> mistaken.chain("v2/secapi/pay/reverse").post(Options.xml(Map.of("out_trade_no", "X1"))));
            assertFalse(refused.isBusinessFailure(), "the request itself failed: return_code=FAIL");
        }
        ConfigurationException both = assertThrows(
                ConfigurationException.class,
                () -> fake.clientBuilder()
                        .transport(noCertificate)
                        .clientCertificate(fake.tlsTrustingContext())
                        .build());
        assertTrue(both.getMessage().contains("clientCertificateTransport"), both.getMessage());
    }
}
