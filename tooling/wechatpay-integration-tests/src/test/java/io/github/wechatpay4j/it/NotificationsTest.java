package io.github.wechatpay4j.it;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.GenericNotification;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notifications built and signed by the fake server, parsed by the client's {@link Notifications}. */
class NotificationsTest extends FakeServerTestBase {
    static final String TRANSACTION = "{\"mchid\":\"1900000001\",\"appid\":\"wxd678efh567hg6787\","
            + "\"out_trade_no\":\"T20261123001\",\"transaction_id\":\"4200000001202611230000000001\","
            + "\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
            + "\"bank_type\":\"CMC\",\"attach\":\"\",\"success_time\":\"2026-11-23T10:34:56+08:00\","
            + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
            + "\"amount\":{\"total\":100,\"payer_total\":90,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"},"
            + "\"promotion_detail\":[{\"coupon_id\":\"109519\",\"amount\":10}]}";
    static final String REFUND = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"T20261123001\","
            + "\"transaction_id\":\"4200000001202611230000000001\",\"out_refund_no\":\"R1\","
            + "\"refund_id\":\"50000000382019052709732678859\",\"refund_status\":\"%s\","
            + "\"success_time\":\"2026-11-23T11:00:00+08:00\",\"user_received_account\":\"招商银行信用卡0403\","
            + "\"amount\":{\"total\":100,\"refund\":100,\"payer_total\":90,\"payer_refund\":90}}";

    private Notifications notifications(String codec) {
        return client(codec).notifications();
    }

    private static NotificationEvent parse(Notifications n, FakeNotification notification) {
        return n.parse(notification.body(), notification::header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void transactionSuccessIsVerifiedDecryptedAndTyped(String codec) {
        FakeNotification sent = server.notification("TRANSACTION.SUCCESS", TRANSACTION);

        NotificationEvent event = parse(notifications(codec), sent);

        TransactionSuccess paid = assertInstanceOf(TransactionSuccess.class, event);
        assertEquals(sent.id(), paid.id());
        assertEquals("TRANSACTION.SUCCESS", paid.eventType());
        assertEquals("transaction", paid.notification().originalType());
        assertEquals("encrypt-resource", paid.notification().resourceType());
        assertEquals("支付成功", paid.notification().summary());
        TransactionSuccess.Transaction t = paid.transaction();
        assertEquals("T20261123001", t.outTradeNo());
        assertEquals("4200000001202611230000000001", t.transactionId());
        assertEquals("SUCCESS", t.tradeState());
        assertEquals(100, t.amount().total());
        assertEquals(90, t.amount().payerTotal());
        assertEquals("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", t.payer().openid());
        assertEquals(Instant.parse("2026-11-23T02:34:56Z"), t.successTime().toInstant());
        assertEquals(TRANSACTION, paid.notification().resourceJson());
        assertFalse(paid.toString().contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), paid.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"})
    void refundEventsAreTyped(String eventType) {
        String status = eventType.substring("REFUND.".length());
        NotificationEvent event =
                parse(notifications("gson"), server.notification(eventType, String.format(REFUND, status)));

        RefundNotice refund = assertInstanceOf(RefundNotice.class, event);
        assertEquals(status, refund.refund().refundStatus());
        assertEquals(eventType.equals("REFUND.SUCCESS"), refund.isSuccess());
        assertEquals("R1", refund.refund().outRefundNo());
        assertEquals(100, refund.refund().amount().refund());
        assertFalse(refund.toString().contains("0403"), "the receiving account is not shown");
    }

    @Test
    void otherEventsArriveAsGenericWithTheDecryptedJson() {
        String resource = "{\"out_contract_code\":\"C1\",\"change_type\":\"TERMINATE\"}";
        NotificationEvent event = parse(notifications("jackson"), server.notification("PAPAY.TERMINATE", resource));

        GenericNotification generic = assertInstanceOf(GenericNotification.class, event);
        assertEquals("PAPAY.TERMINATE", generic.eventType());
        assertEquals(
                Map.of("out_contract_code", "C1", "change_type", "TERMINATE"),
                generic.notification().resourceAsMap());
    }

    @Test
    void absentAssociatedDataIsFine() {
        FakeNotification sent =
                server.notification("TRANSACTION.SUCCESS", TRANSACTION).withAssociatedData(null);
        assertFalse(new String(sent.body(), StandardCharsets.UTF_8).contains("associated_data"));
        assertInstanceOf(TransactionSuccess.class, parse(notifications("jackson"), sent));
    }

    @Test
    void aSixMinuteOldNotificationIsARejectedReplay() {
        FakeNotification old = server.notification("TRANSACTION.SUCCESS", TRANSACTION)
                .withTimestamp(Instant.now().minus(Duration.ofMinutes(6)));

        SignatureVerificationException e =
                assertThrows(SignatureVerificationException.class, () -> parse(notifications("jackson"), old));
        assertEquals(Reason.STALE_TIMESTAMP, e.reason());
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());

        // a wider window, chosen on purpose, accepts it; four minutes old passes the default
        assertInstanceOf(
                TransactionSuccess.class, parse(notifications("jackson").withWindow(Duration.ofMinutes(10)), old));
        assertInstanceOf(
                TransactionSuccess.class,
                parse(notifications("jackson"), old.withTimestamp(Instant.now().minus(Duration.ofMinutes(4)))));
    }

    @Test
    void everyBadSignatureIsATypedRejection() throws Exception {
        Notifications n = notifications("jackson");
        FakeNotification good = server.notification("TRANSACTION.SUCCESS", TRANSACTION);

        assertEquals(
                Reason.PROBE_SIGNATURE,
                assertThrows(SignatureVerificationException.class, () -> parse(n, good.withProbeSignature()))
                        .reason());
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(SignatureVerificationException.class, () -> parse(n, good.withTamperedBody()))
                        .reason());
        TestKeys stranger = TestKeys.generate();
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(
                                SignatureVerificationException.class,
                                () -> parse(
                                        n,
                                        good.signedWith(stranger.platformKeys().getPrivate(), keys.publicKeyId())))
                        .reason());
        assertEquals(
                Reason.UNKNOWN_SERIAL,
                assertThrows(
                                SignatureVerificationException.class,
                                () -> parse(
                                        n,
                                        good.signedWith(stranger.platformKeys().getPrivate(), stranger.publicKeyId())))
                        .reason());
        assertEquals(
                Reason.MISSING_HEADER,
                assertThrows(
                                SignatureVerificationException.class,
                                () -> n.parse(
                                        good.body(),
                                        name -> name.equalsIgnoreCase("Wechatpay-Nonce") ? null : good.header(name)))
                        .reason());
    }

    @Test
    void headersAreLookedUpWhateverTheirCase() {
        FakeNotification sent = server.notification("TRANSACTION.SUCCESS", TRANSACTION);
        Map<String, String> lower = sent.headers().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        assertInstanceOf(TransactionSuccess.class, notifications("jackson").parse(sent.body(), lower::get));
        Map<String, String> upper = sent.headers().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
        assertInstanceOf(TransactionSuccess.class, notifications("jackson").parse(sent.body(), upper::get));
    }

    @Test
    void undecryptableResourcesAreTypedAndSayWhy() {
        FakeNotification broken =
                server.notification("TRANSACTION.SUCCESS", TRANSACTION).withBrokenTag();
        DecryptionException e = assertThrows(DecryptionException.class, () -> parse(notifications("jackson"), broken));
        assertTrue(e.getMessage().contains("APIv3 key"), e.getMessage());

        WechatPay wrongKey = track(server.clientBuilder()
                .apiV3Key("abcdefghijklmnopqrstuvwxyz012345")
                .build());
        DecryptionException wrong = assertThrows(
                DecryptionException.class,
                () -> parse(wrongKey.notifications(), server.notification("TRANSACTION.SUCCESS", TRANSACTION)));
        assertFalse(wrong.getMessage().contains("abcdefghijklmnopqrstuvwxyz012345"));
        assertFalse(wrong.getMessage().contains(keys.apiV3Key()));
    }

    @Test
    void signedBodiesThatAreNotNotificationsAreMalformed() throws Exception {
        Notifications n = notifications("jackson");
        for (String body :
                new String[] {"<xml>not json</xml>", "{\"id\":\"1\"}", "{\"id\":\"1\",\"event_type\":\"X\"}", "null"}) {
            Map<String, String> headers = signed(body.getBytes(StandardCharsets.UTF_8));
            assertThrows(
                    MalformedNotificationException.class,
                    () -> n.parse(body.getBytes(StandardCharsets.UTF_8), headers::get),
                    body);
        }
        assertThrows(MalformedNotificationException.class, () -> n.parse(new byte[0], name -> null));
    }

    private static Map<String, String> signed(byte[] body) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = "N" + System.nanoTime();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.platformKeys().getPrivate());
        s.update((ts + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        s.update(body);
        s.update((byte) '\n');
        return Map.of(
                "Wechatpay-Serial",
                keys.publicKeyId(),
                "Wechatpay-Timestamp",
                ts,
                "Wechatpay-Nonce",
                nonce,
                "Wechatpay-Signature",
                Base64.getEncoder().encodeToString(s.sign()));
    }

    @Test
    void handleRunsTheHandlerOnceAndAnswersAsWechatPayExpects() {
        List<String> handled = new CopyOnWriteArrayList<>();
        Notifications n = notifications("jackson").withDeliveryTracker(DeliveryTracker.inMemory(1000));
        FakeNotification sent = server.notification("TRANSACTION.SUCCESS", TRANSACTION);

        NotificationReply first = n.handle(sent.body(), sent::header, e -> handled.add(e.id()));
        FakeNotification redelivery =
                server.notification("TRANSACTION.SUCCESS", TRANSACTION).withId(sent.id());
        NotificationReply second = n.handle(redelivery.body(), redelivery::header, e -> handled.add(e.id()));

        assertEquals(NotificationReply.success(), first);
        assertEquals(204, first.status());
        assertEquals(NotificationReply.success(), second, "a duplicate is acknowledged");
        assertEquals(List.of(sent.id()), handled, "and not handled twice");
    }

    @Test
    void aFailingHandlerGetsARetryThatIsHandledAgain() {
        Notifications n = notifications("jackson").withDeliveryTracker(DeliveryTracker.inMemory(10));
        FakeNotification sent = server.notification("REFUND.SUCCESS", String.format(REFUND, "SUCCESS"));
        List<String> handled = new ArrayList<>();

        NotificationReply failed = n.handle(sent.body(), sent::header, e -> {
            throw new IllegalStateException("database down");
        });
        NotificationReply retried = n.handle(sent.body(), sent::header, e -> handled.add(e.id()));

        assertEquals(500, failed.status());
        assertEquals("{\"code\":\"FAIL\",\"message\":\"processing failed\"}", failed.body());
        assertEquals(java.util.Optional.of("application/json; charset=utf-8"), failed.contentType());
        assertFalse(failed.body().contains("database"), "internal reasons stay in the log");
        assertTrue(retried.isSuccess());
        assertEquals(List.of(sent.id()), handled);
    }

    @Test
    void rejectedNotificationsGetAFailureReplyAndNeverReachTheHandler() throws Exception {
        Notifications n = notifications("jackson");
        List<NotificationEvent> handled = new ArrayList<>();
        FakeNotification replay = server.notification("TRANSACTION.SUCCESS", TRANSACTION)
                .withTimestamp(Instant.now().minus(Duration.ofMinutes(6)));
        FakeNotification broken =
                server.notification("TRANSACTION.SUCCESS", TRANSACTION).withBrokenTag();

        assertEquals(401, n.handle(replay.body(), replay::header, handled::add).status());
        assertEquals(500, n.handle(broken.body(), broken::header, handled::add).status());
        assertEquals(
                401,
                n.handle("{}".getBytes(StandardCharsets.UTF_8), name -> null, handled::add)
                        .status());
        byte[] notJson = "<xml/>".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = signed(notJson);
        assertEquals(400, n.handle(notJson, signedHeaders::get, handled::add).status());
        assertTrue(handled.isEmpty());
    }

    @Test
    void replyHelpers() {
        assertEquals(new NotificationReply(200, ""), NotificationReply.ok());
        assertEquals(
                "{\"code\":\"FAIL\",\"message\":\"bad \\\"input\\\"\\n\"}",
                NotificationReply.failure(400, "bad \"input\"\n").body());
        assertThrows(InvalidRequestException.class, () -> NotificationReply.failure(200, "x"));
        assertTrue(NotificationReply.success().contentType().isEmpty());
    }

    @Test
    void notificationsNeedTheApiV3Key() {
        WechatPay noKey = track(WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                .baseUrl(server.baseUrl())
                .build());
        ConfigurationException e = assertThrows(ConfigurationException.class, noKey::notifications);
        assertTrue(e.getMessage().contains("apiV3Key"), e.getMessage());
    }

    @Test
    void theFakePostsToARealEndpointThatAnswersThroughTheHandler() throws IOException {
        WechatPay client = client();
        Notifications n = client.notifications().withDeliveryTracker(DeliveryTracker.inMemory(100));
        List<String> paid = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/wechatpay/notify", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            NotificationReply reply = n.handle(body, exchange.getRequestHeaders()::getFirst, event -> {
                if (event instanceof TransactionSuccess t) {
                    paid.add(t.transaction().outTradeNo());
                }
            });
            reply.contentType().ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            byte[] out = reply.bodyBytes();
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        endpoint.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/wechatpay/notify");
            FakeNotification sent = server.notification("TRANSACTION.SUCCESS", TRANSACTION);

            assertEquals(204, sent.postTo(url).status());
            assertEquals(204, sent.postTo(url).status(), "the redelivery is acknowledged");
            FakeNotification.Delivery replay = sent.withTimestamp(Instant.now().minus(Duration.ofMinutes(6)))
                    .postTo(url);
            assertEquals(401, replay.status());
            assertTrue(replay.body().contains("\"code\":\"FAIL\""), replay.body());
            assertEquals(List.of("T20261123001"), paid);
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void aNotificationSignedByANewCertificateBringsItInOnce() {
        try (FakeWechatPay certServer = FakeWechatPay.start(keys, FakeWechatPay.Mode.CERTIFICATE)) {
            WechatPay client = track(certServer
                    .merchantBuilder()
                    .jsonCodec(new JacksonJsonCodec())
                    .autoCertificates()
                    .build());
            certServer.rotateCertificate();
            FakeNotification sent = certServer.notification("TRANSACTION.SUCCESS", TRANSACTION);

            assertInstanceOf(TransactionSuccess.class, parse(client.notifications(), sent));
            assertTrue(client.verifier().serialNumbers().contains(certServer.currentCertificateSerial()));
        }
    }
}
