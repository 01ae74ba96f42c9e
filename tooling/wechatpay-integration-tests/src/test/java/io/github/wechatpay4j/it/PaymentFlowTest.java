package io.github.wechatpay4j.it;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillCsv;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.Order;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateful fake end to end through the SDK: orders, payment, notifications (with WeChat Pay's retries),
 * refunds, the trade bill built from them, business errors and faults; in public-key mode and (nested) in
 * certificate mode with automatic certificates.
 */
@WithFakeWechatPay
class PaymentFlowTest {
    private static final String APPID = "wxd678efh567hg6787";
    private static final BlockingQueue<NotificationEvent> received = new LinkedBlockingQueue<>();
    private static final AtomicInteger failuresToAnswer = new AtomicInteger();
    private static HttpServer endpoint;
    private static WechatPay endpointClient;

    /** A merchant's notification endpoint: verifies with {@code notificationClient} and queues the events. */
    @BeforeAll
    static void startEndpoint(WechatPay client) throws IOException {
        endpointClient = client;
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        endpoint.createContext("/notify", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                NotificationReply reply = endpointClient
                        .notifications()
                        .handle(body, exchange.getRequestHeaders()::getFirst, received::add);
                byte[] out = reply.bodyBytes();
                exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        });
        endpoint.start();
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.stop(0);
    }

    static String notifyUrl() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify";
    }

    static Map<String, Object> jsapiOrder(String outTradeNo, long total) {
        return Map.of(
                "appid",
                APPID,
                "mchid",
                "",
                "description",
                "Image形象店-深圳腾大-QQ公仔",
                "out_trade_no",
                outTradeNo,
                "notify_url",
                notifyUrl(),
                "amount",
                Map.of("total", total, "currency", "CNY"),
                "payer",
                Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    }

    static Map<String, Object> withMchid(Map<String, Object> order, FakeWechatPay fake) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(order);
        copy.put("mchid", fake.keys().mchid());
        return copy;
    }

    /** The next event about {@code key} (an out_trade_no or out_refund_no); events of other tests are skipped. */
    static NotificationEvent nextEvent(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            NotificationEvent event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(event, "no notification about " + key + " reached the endpoint");
            String about = event instanceof TransactionSuccess t
                    ? t.transaction().outTradeNo()
                    : event instanceof RefundNotice r ? r.refund().outRefundNo() : null;
            if (key.equals(about)) {
                return event;
            }
        }
    }

    /** prepay → query → pay → TRANSACTION.SUCCESS → query by id → refund → REFUND.SUCCESS → bill. */
    static void fullFlow(WechatPay client, FakeWechatPay fake, String outTradeNo) throws Exception {
        String mchid = fake.keys().mchid();
        Map<String, Object> prepay = client.chain("v3/pay/transactions/jsapi")
                .post(Options.json(withMchid(jsapiOrder(outTradeNo, 100), fake)))
                .asMap();
        assertTrue(String.valueOf(prepay.get("prepay_id")).startsWith("wx"), prepay.toString());

        Map<String, Object> open = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                .get(Options.path("out_trade_no", outTradeNo).withQuery("mchid", mchid))
                .asMap();
        assertEquals("NOTPAY", open.get("trade_state"));

        Order paid = fake.pay(outTradeNo);
        assertEquals("SUCCESS", paid.state());
        TransactionSuccess success = (TransactionSuccess) nextEvent(outTradeNo);
        assertEquals(outTradeNo, success.transaction().outTradeNo());
        assertEquals(paid.transactionId(), success.transaction().transactionId());
        assertEquals(100, success.transaction().amount().total());
        assertEquals(
                NotificationDelivery.State.DELIVERED,
                fake.awaitDelivery("TRANSACTION.SUCCESS", outTradeNo, Duration.ofSeconds(30))
                        .state());

        Map<String, Object> byId = client.chain("v3/pay/transactions/id/{transaction_id}")
                .get(Options.path("transaction_id", paid.transactionId()).withQuery("mchid", mchid))
                .asMap();
        assertEquals("SUCCESS", byId.get("trade_state"));
        assertEquals(outTradeNo, byId.get("out_trade_no"));

        Map<String, Object> refund = client.chain("v3/refund/domestic/refunds")
                .post(Options.json(Map.of(
                        "out_trade_no",
                        outTradeNo,
                        "out_refund_no",
                        "R" + outTradeNo,
                        "notify_url",
                        notifyUrl(),
                        "amount",
                        Map.of("refund", 40, "total", 100, "currency", "CNY"))))
                .asMap();
        assertEquals("PROCESSING", refund.get("status"));
        RefundNotice notice = (RefundNotice) nextEvent("R" + outTradeNo);
        assertTrue(notice.isSuccess());
        assertEquals("R" + outTradeNo, notice.refund().outRefundNo());
        assertEquals(40, notice.refund().amount().refund());
        Map<String, Object> refundNow = client.chain("v3/refund/domestic/refunds/{out_refund_no}")
                .get(Options.path("out_refund_no", "R" + outTradeNo))
                .asMap();
        assertEquals("SUCCESS", refundNow.get("status"));
        assertEquals(
                "REFUND",
                client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                        .get(Options.path("out_trade_no", outTradeNo).withQuery("mchid", mchid))
                        .asMap()
                        .get("trade_state"));

        String today = LocalDate.now(ZoneOffset.ofHours(8)).toString();
        BillFile bill = client.chain("v3/bill/tradebill")
                .get(Options.query("bill_date", today)
                        .withQuery("bill_type", "ALL")
                        .withQuery("tar_type", "GZIP"))
                .as(BillFile.class);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        client.downloads().bill(bill, csv);
        BillCsv.Table table = BillCsv.parse(new ByteArrayInputStream(csv.toByteArray()));
        List<Map<String, String>> mine = table.rows().stream()
                .filter(r -> r.get("商户订单号").equals(outTradeNo))
                .toList();
        assertEquals(
                List.of("SUCCESS", "REFUND"),
                mine.stream().map(r -> r.get("交易状态")).toList());
        assertEquals("1.00", mine.get(0).get("应结订单金额"));
        assertEquals("0.40", mine.get(1).get("退款金额"));
        assertEquals(paid.transactionId(), mine.get(0).get("微信订单号"));
    }

    @Test
    void aMerchantFlowFromPrepayToBill(WechatPay client, FakeWechatPay fake) throws Exception {
        fullFlow(client, fake, "PK" + System.nanoTime());
    }

    @Test
    void nativeAppAndH5OrdersAnswerTheirOwnFields(WechatPay client, FakeWechatPay fake) {
        Map<String, Object> base = withMchid(jsapiOrder("N" + System.nanoTime(), 1), fake);
        base.remove("payer");
        assertTrue(client.chain("v3/pay/transactions/native")
                .post(Options.json(base))
                .asMap()
                .get("code_url")
                .toString()
                .startsWith("weixin://wxpay/bizpayurl?pr="));
        base.put("out_trade_no", "A" + System.nanoTime());
        assertTrue(client.chain("v3/pay/transactions/app")
                .post(Options.json(base))
                .asMap()
                .containsKey("prepay_id"));
        base.put("out_trade_no", "H" + System.nanoTime());
        ServiceException noScene = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/h5").post(Options.json(base)));
        assertEquals(
                "/scene_info/payer_client_ip", noScene.detail().orElseThrow().field());
        base.put("scene_info", Map.of("payer_client_ip", "203.0.113.7", "h5_info", Map.of("type", "Wap")));
        assertTrue(client.chain("v3/pay/transactions/h5")
                .post(Options.json(base))
                .asMap()
                .get("h5_url")
                .toString()
                .startsWith("https://wx.tenpay.com/"));
        assertEquals(
                "MWEB",
                fake.order(base.get("out_trade_no").toString()).orElseThrow().tradeType());
    }

    @Test
    void businessErrorsAreAnsweredAsWechatPayDoes(WechatPay client, FakeWechatPay fake) {
        String no = "E" + System.nanoTime();
        Map<String, Object> order = withMchid(jsapiOrder(no, 100), fake);
        Object first = client.chain("v3/pay/transactions/jsapi")
                .post(Options.json(order))
                .asMap()
                .get("prepay_id");
        assertEquals(
                first,
                client.chain("v3/pay/transactions/jsapi")
                        .post(Options.json(order))
                        .asMap()
                        .get("prepay_id"),
                "the same order placed twice answers the same prepay_id");

        Map<String, Object> changed = new java.util.LinkedHashMap<>(order);
        changed.put("amount", Map.of("total", 200, "currency", "CNY"));
        ServiceException used = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(Options.json(changed)));
        assertEquals("OUT_TRADE_NO_USED", used.code().orElseThrow());
        assertTrue(used.isSigned());

        Map<String, Object> zero = new java.util.LinkedHashMap<>(order);
        zero.put("out_trade_no", "Z" + System.nanoTime());
        zero.put("amount", Map.of("total", 0));
        ServiceException param = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(Options.json(zero)));
        assertEquals("PARAM_ERROR", param.code().orElseThrow());
        assertEquals("/amount/total", param.detail().orElseThrow().field());
        assertEquals("body", param.detail().orElseThrow().location());

        ServiceException notAnObject = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(Options.rawJson("[1]")));
        assertEquals("PARAM_ERROR", notAnObject.code().orElseThrow());

        ServiceException missing = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                        .get(Options.path("out_trade_no", "NO-SUCH-ORDER")
                                .withQuery("mchid", fake.keys().mchid())));
        assertEquals(404, missing.statusCode());
        assertEquals("ORDER_NOT_EXIST", missing.code().orElseThrow());

        fake.pay(no);
        ServiceException paid = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close")
                        .post(Options.path("out_trade_no", no)
                                .withJson(Map.of("mchid", fake.keys().mchid()))));
        assertEquals("ORDERPAID", paid.code().orElseThrow());
        assertEquals(
                "ORDERPAID",
                assertThrows(
                                ServiceException.class,
                                () -> client.chain("v3/pay/transactions/jsapi").post(Options.json(order)))
                        .code()
                        .orElseThrow());

        ServiceException tooMuch = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/refund/domestic/refunds")
                        .post(Options.json(Map.of(
                                "out_trade_no",
                                no,
                                "out_refund_no",
                                "R" + no,
                                "amount",
                                Map.of("refund", 101, "total", 100, "currency", "CNY")))));
        assertEquals("INVALID_REQUEST", tooMuch.code().orElseThrow());
    }

    @Test
    void aClosedOrderCannotBePaidNorPlacedAgain(WechatPay client, FakeWechatPay fake) {
        String no = "C" + System.nanoTime();
        Map<String, Object> order = withMchid(jsapiOrder(no, 5), fake);
        client.chain("v3/pay/transactions/jsapi").post(Options.json(order));
        assertEquals(
                204,
                client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close")
                        .post(Options.path("out_trade_no", no)
                                .withJson(Map.of("mchid", fake.keys().mchid())))
                        .statusCode());
        assertEquals("CLOSED", fake.order(no).orElseThrow().state());
        assertThrows(IllegalStateException.class, () -> fake.pay(no));
        assertEquals(
                "ORDER_CLOSED",
                assertThrows(
                                ServiceException.class,
                                () -> client.chain("v3/pay/transactions/jsapi").post(Options.json(order)))
                        .code()
                        .orElseThrow());
    }

    @Test
    void anUnansweredNotificationIsRetriedWithTheSameId(WechatPay client, FakeWechatPay fake) throws Exception {
        fake.notificationRetrySchedule(List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)));
        String no = "RT" + System.nanoTime();
        client.chain("v3/pay/transactions/jsapi").post(Options.json(withMchid(jsapiOrder(no, 3), fake)));
        failuresToAnswer.set(2);
        fake.pay(no);
        TransactionSuccess event = (TransactionSuccess) nextEvent(no);
        NotificationDelivery delivery = fake.awaitDelivery("TRANSACTION.SUCCESS", no, Duration.ofSeconds(30));
        assertEquals(List.of(500, 500, 204), delivery.attempts());
        assertEquals(NotificationDelivery.State.DELIVERED, delivery.state());
        assertEquals(delivery.id(), event.notification().id());
    }

    @Test
    void aDeliveryGivesUpAfterTheSchedule(WechatPay client, FakeWechatPay fake) {
        fake.notificationRetrySchedule(List.of(Duration.ofMillis(5)));
        String no = "GU" + System.nanoTime();
        Map<String, Object> order = withMchid(jsapiOrder(no, 3), fake);
        order.put("notify_url", "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/nowhere");
        client.chain("v3/pay/transactions/jsapi").post(Options.json(order));
        fake.pay(no);
        NotificationDelivery delivery = fake.awaitDelivery("TRANSACTION.SUCCESS", no, Duration.ofSeconds(30));
        assertEquals(NotificationDelivery.State.GAVE_UP, delivery.state());
        assertEquals(2, delivery.attempts().size());
    }

    @Test
    void faultsApplyPerRequestAndDoNotTouchState(WechatPay client, FakeWechatPay fake) {
        String no = "F" + System.nanoTime();
        Map<String, Object> order = withMchid(jsapiOrder(no, 9), fake);
        Options once = Options.json(order).withRetryPolicy(RetryPolicy.none()); // to see each fault as it is
        fake.fault(Fault.SYSTEM_ERROR, 1);
        ServiceException system = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(once));
        assertEquals(500, system.statusCode());
        assertTrue(system.isRetryable() && system.isSigned());
        assertTrue(fake.order(no).isEmpty());

        fake.fault(Fault.FREQUENCY_LIMITED, 1);
        ServiceException limited = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(once));
        assertEquals(429, limited.statusCode());
        assertEquals("FREQUENCY_LIMITED", limited.code().orElseThrow());

        fake.fault(Fault.CONNECTION_RESET, 1);
        assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(once));
        assertTrue(fake.order(no).isEmpty());

        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING, 1);
        assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/pay/transactions/jsapi").post(once));
        assertEquals("NOTPAY", fake.order(no).orElseThrow().state(), "the order was placed; only the answer was lost");

        fake.fault(Fault.SYSTEM_ERROR, 1);
        assertTrue(
                client.chain("v3/pay/transactions/jsapi")
                        .post(Options.json(order))
                        .asMap()
                        .containsKey("prepay_id"),
                "with the default policy the prepay is retried; then the counted faults are used up");
    }

    @Test
    void aFaultSwitchedOnInOneTestIsOffInTheNext_part1(FakeWechatPay fake) {
        fake.fault(Fault.SYSTEM_ERROR);
    }

    @Test
    void aFaultSwitchedOnInOneTestIsOffInTheNext_part2(WechatPay client, FakeWechatPay fake) {
        // whichever of the two runs first, this one must see no fault
        assertEquals(
                404,
                assertThrows(
                                ServiceException.class,
                                () -> client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                                        .get(Options.path("out_trade_no", "NOPE00")
                                                .withQuery("mchid", fake.keys().mchid())))
                        .statusCode());
    }

    @Test
    void theControlEndpointsPayWithoutASignature(WechatPay client, FakeWechatPay fake) throws Exception {
        String no = "CT" + System.nanoTime();
        client.chain("v3/pay/transactions/jsapi").post(Options.json(withMchid(jsapiOrder(no, 7), fake)));
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(fake.baseUrl() + "/_fake/orders/" + no + "/pay"))
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"trade_state\":\"SUCCESS\""), answer.body());
        assertEquals(no, ((TransactionSuccess) nextEvent(no)).transaction().outTradeNo());
    }

    /** The same flow with platform certificates the client downloads itself. */
    @Nested
    @WithFakeWechatPay(mode = FakeWechatPay.Mode.CERTIFICATE, autoCertificates = true)
    class CertificateMode {
        @Test
        void aMerchantFlowFromPrepayToBill(WechatPay client, FakeWechatPay fake) throws Exception {
            WechatPay saved = endpointClient;
            endpointClient = client; // the endpoint verifies with this merchant's keys for this test
            try {
                fullFlow(client, fake, "CM" + System.nanoTime());
            } finally {
                endpointClient = saved;
            }
            assertTrue(fake.requests().stream().anyMatch(r -> r.rawPath().equals("/v3/certificates")));
        }
    }
}
