package io.github.wechatpay4j.it;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.marketing.partnerships.Build;
import io.github.wechatpay4j.api.v3.payroll_card.Tokens;
import io.github.wechatpay4j.api.v3.payscore.partner.Permissions;
import io.github.wechatpay4j.crypto.sm.ShangMiSuite;
import io.github.wechatpay4j.crypto.sm.Sm2PrivateKey;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.NotificationDelivery;
import io.github.wechatpay4j.testkit.Order;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ShangMi merchant end to end against a fake that speaks ShangMi with its own SM2/SM3/SM4 code (the client's is
 * Bouncy Castle's): requests signed {@code WECHATPAY2-SM2-WITH-SM3}, answers and notifications verified with SM2
 * platform certificates, {@code AEAD_SM4_GCM} resources, SM2 certificates downloaded with {@code algorithm_type=SM2}
 * and rotated under concurrent calls, SM2-encrypted sensitive fields; then the hostile-input cases of the RSA suite
 * (tampered, stale, probe, unknown serial, wrong key) in SM2.
 */
class ShangMiEndToEndTest {
    private static ShangMiKeys keys;
    private static FakeWechatPay server;
    private static Sm2PrivateKey merchantKey;
    private final List<WechatPay> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        keys = ShangMiKeys.generate(TestKeys.generate());
        server = FakeWechatPay.startShangMi(keys);
        merchantKey = Sm2PrivateKey.fromPem(keys.merchantPrivateKeyPem());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        clients.forEach(WechatPay::close);
        clients.clear();
        server.clearFaults();
        server.clearRoutes();
        server.clearRequests();
    }

    private WechatPay client() {
        return track(server.clientBuilder(merchantKey)
                .jsonCodec(new JacksonJsonCodec())
                .build());
    }

    private WechatPay track(WechatPay client) {
        clients.add(client);
        return client;
    }

    private static void assertSignedWithSm2(RecordedRequest r) {
        assertTrue(r.signatureValid(), r.signatureError());
        assertTrue(r.header("Authorization").orElseThrow().startsWith("WECHATPAY2-SM2-WITH-SM3 mchid=\""));
        assertEquals(keys.merchantSerial(), r.authorization().get("serial_no"));
    }

    // ---------------------------------------------------------------- the seed operations

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void theThreeSeedOperations(boolean async) {
        WechatPay client = client();
        server.on(
                "POST",
                "/v3/marketing/partnerships/build",
                FakeResponse.ok("{\"partner\":{\"type\":\"APPID\",\"appid\":\"wx4e1916a585d1f4e9\"},"
                        + "\"authorized_data\":{\"business_type\":\"FAVOR_STOCK\",\"stock_id\":\"2433405\"},"
                        + "\"state\":\"ESTABLISHED\",\"build_time\":\"2026-11-23T10:15:30+08:00\"}"));
        Build build = WechatPayApi.of(client).v3().marketing().partnerships().build();
        Build.PostRequest partnership = new Build.PostRequest(
                new Build.PostRequest.Partner(Build.PostRequest.Type.APPID, "wx4e1916a585d1f4e9", null),
                new Build.PostRequest.AuthorizedData(Build.PostRequest.BusinessType.FAVOR_STOCK, "2433405"));
        Build.PostResponse built =
                async ? build.postAsync(partnership, "idem-sm2-0001").join() : build.post(partnership, "idem-sm2-0001");
        assertEquals(Build.PostResponse.State.ESTABLISHED, built.state());
        assertEquals("2433405", built.authorizedData().stockId());
        assertSignedWithSm2(server.lastRequest());

        server.on(
                "POST",
                "/v3/payscore/partner/permissions",
                FakeResponse.ok("{\"apply_permissions_token\":\"token-sm2\"}"));
        Permissions.PostRequest permission = new Permissions.PostRequest(
                "service_id", "wxd678efh567hg6787", null, "1230000109", "auth-code", "https://m.example.com/n");
        Permissions permissions =
                WechatPayApi.of(client).v3().payscore().partner().permissions();
        assertEquals(
                "token-sm2",
                (async ? permissions.postAsync(permission).join() : permissions.post(permission))
                        .applyPermissionsToken());
        assertSignedWithSm2(server.lastRequest());

        // the fake decrypts user_name and id_card_number with its SM2 platform key, as WeChat Pay does
        Tokens.PostRequest token = new Tokens.PostRequest(
                "onqOjjmo8wmTOOtSKwXtGjg9Gb58",
                "wxa1111111",
                null,
                "1111111",
                "张三",
                "110101199003074477",
                Tokens.PostRequest.EmploymentType.LONG_TERM_EMPLOYMENT);
        Tokens tokens = WechatPayApi.of(client).v3().payrollCard().tokens();
        Tokens.PostResponse answered = async ? tokens.postAsync(token).join() : tokens.post(token);
        assertTrue(answered.token().startsWith("TOKEN"));
        RecordedRequest r = server.lastRequest();
        assertSignedWithSm2(r);
        assertEquals(
                server.currentCertificateSerial(), r.header("Wechatpay-Serial").orElseThrow());
        assertEquals(Map.of("user_name", "张三", "id_card_number", "110101199003074477"), server.lastDecrypted());
        String sent = new String(r.body(), StandardCharsets.UTF_8);
        assertFalse(sent.contains("110101199003074477") || sent.contains("张三"), "a field went out in plaintext");
    }

    @Test
    void aSensitiveFieldIsEncryptedToTheSm2CertificateAndDecryptsOnlyThere() {
        WechatPay client = client();
        var field = client.encrypt("6222021234567890");
        assertEquals(server.currentCertificateSerial(), field.wechatpaySerial());
        assertEquals(
                "6222021234567890", server.decrypt(field.wechatpaySerial(), field.ciphertext()), "the fake's own SM2");
        assertNotEquals(client.encrypt("6222021234567890").ciphertext(), field.ciphertext(), "a fresh k every time");
        // and the other way: what the merchant's public key receives, only the merchant's key reads
        String toMerchant = merchantKey.publicKey().encrypt("李四");
        assertEquals("李四", client.decrypt(toMerchant));
        Sm2PrivateKey stranger =
                Sm2PrivateKey.fromPem(ShangMiKeys.generate(keys.rsa()).merchantPrivateKeyPem());
        assertThrows(DecryptionException.class, () -> stranger.decrypt(toMerchant));
    }

    // ---------------------------------------------------------------- a payment and its notification

    @Test
    void aPaymentWithItsSm4GcmNotificationDeliveredToAnEndpoint() throws Exception {
        WechatPay client = client();
        BlockingQueue<NotificationEvent> received = new LinkedBlockingQueue<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        endpoint.createContext("/notify", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                NotificationReply reply =
                        client.notifications().handle(body, exchange.getRequestHeaders()::getFirst, received::add);
                byte[] out = reply.bodyBytes();
                exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                exchange.getResponseBody().write(out);
            }
        });
        endpoint.start();
        try {
            String outTradeNo = "SM2" + System.nanoTime();
            Map<String, Object> prepay = client.chain("v3/pay/transactions/native")
                    .post(Options.json(Map.of(
                            "appid",
                            "wxd678efh567hg6787",
                            "mchid",
                            keys.mchid(),
                            "description",
                            "国密订单",
                            "out_trade_no",
                            outTradeNo,
                            "notify_url",
                            "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify",
                            "amount",
                            Map.of("total", 2_00, "currency", "CNY"))))
                    .asMap();
            assertTrue(String.valueOf(prepay.get("code_url")).startsWith("weixin://"), prepay.toString());
            assertSignedWithSm2(server.lastRequest());

            Order paid = server.pay(outTradeNo);
            TransactionSuccess success =
                    assertInstanceOf(TransactionSuccess.class, received.poll(30, TimeUnit.SECONDS));
            assertEquals(outTradeNo, success.transaction().outTradeNo());
            assertEquals(paid.transactionId(), success.transaction().transactionId());
            assertEquals(200, success.transaction().amount().total());
            assertEquals(
                    NotificationDelivery.State.DELIVERED,
                    server.awaitDelivery("TRANSACTION.SUCCESS", outTradeNo, Duration.ofSeconds(30))
                            .state());

            Map<String, Object> queried = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .get(Options.path("out_trade_no", outTradeNo).withQuery("mchid", keys.mchid()))
                    .asMap();
            assertEquals("SUCCESS", queried.get("trade_state"));
            assertEquals(paid.transactionId(), queried.get("transaction_id"));
        } finally {
            endpoint.stop(0);
        }
        FakeNotification sample = server.notification("TRANSACTION.SUCCESS", "{\"trade_state\":\"SUCCESS\"}");
        assertTrue(new String(sample.body(), StandardCharsets.UTF_8).contains("\"algorithm\":\"AEAD_SM4_GCM\""));
        assertEquals("WECHATPAY2-SM2-WITH-SM3", sample.header("Wechatpay-Signature-Type"));
    }

    // ---------------------------------------------------------------- certificates

    @Test
    void sm2CertificatesAreDownloadedWithAlgorithmTypeSm2AndRotateUnderConcurrentCalls() throws Exception {
        WechatPay client = track(server.merchantBuilder(merchantKey)
                .jsonCodec(new JacksonJsonCodec())
                .autoCertificates()
                .build());
        RecordedRequest download = server.requests().stream()
                .filter(r -> r.rawPath().equals("/v3/certificates"))
                .findFirst()
                .orElseThrow();
        assertEquals("algorithm_type=SM2", download.rawQuery());
        assertSignedWithSm2(download);
        assertEquals(
                java.util.Set.of(server.currentCertificateSerial()),
                client.verifier().serialNumbers());

        String before = server.currentCertificateSerial();
        server.rotateCertificate(); // a new SM2 certificate signs from now on; the client has never seen it
        String after = server.currentCertificateSerial();
        assertNotEquals(before, after);
        server.clearRequests();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(Options.path("no", "none").withQuery("mchid", keys.mchid())));
            }
            int served = 0;
            for (Future<Object> f : pool.invokeAll(calls)) {
                try {
                    f.get();
                    served++;
                } catch (java.util.concurrent.ExecutionException e) {
                    // ORDER_NOT_EXIST is a verified answer too: anything else is a failure
                    assertInstanceOf(io.github.wechatpay4j.ServiceException.class, e.getCause(), e::toString);
                    assertTrue(((io.github.wechatpay4j.ServiceException) e.getCause()).isSigned());
                    served++;
                }
            }
            assertEquals(32, served);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(client.verifier().serialNumbers().contains(after));
        long downloads = server.requests().stream()
                .filter(r -> r.rawPath().equals("/v3/certificates"))
                .count();
        assertEquals(1, downloads, "one on-demand download for the new serial, however many calls met it");
    }

    @Test
    void notificationsVerifyWithSm2PlatformKeysOutsideAClient() {
        var platformKeys = io.github.wechatpay4j.crypto.PlatformKeys.builder()
                .suite(ShangMiSuite.INSTANCE)
                .certificates(server.certificatesPem())
                .build();
        var notifications = io.github.wechatpay4j.notification.Notifications.of(
                platformKeys, io.github.wechatpay4j.crypto.ApiV3Key.of(keys.apiV3Key()), new JacksonJsonCodec());
        FakeNotification n = server.notification(
                "TRANSACTION.SUCCESS",
                "{\"out_trade_no\":\"SM2-standalone\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":1}}");
        assertEquals(
                "SM2-standalone",
                ((TransactionSuccess) notifications.parse(n.body(), n::header))
                        .transaction()
                        .outTradeNo());
    }

    // ---------------------------------------------------------------- hostile input, in SM2

    @ParameterizedTest
    @ValueSource(strings = {"TAMPER_BODY", "STALE_TIMESTAMP", "PROBE_SIGNATURE", "UNKNOWN_SERIAL"})
    void hostileAnswersAreRejected(String fault) {
        WechatPay client = client();
        server.on("GET", "/v3/pay/transactions/id/42", FakeResponse.ok("{\"trade_state\":\"SUCCESS\"}"));
        assertEquals(
                "SUCCESS",
                client.chain("v3/pay/transactions/id/42").get().asMap().get("trade_state"));
        server.fault(Fault.valueOf(fault));
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> client.chain("v3/pay/transactions/id/42").get());
        Reason expected = switch (fault) {
            case "TAMPER_BODY" -> Reason.BAD_SIGNATURE;
            case "STALE_TIMESTAMP" -> Reason.STALE_TIMESTAMP;
            case "PROBE_SIGNATURE" -> Reason.PROBE_SIGNATURE;
            default -> Reason.UNKNOWN_SERIAL;
        };
        assertEquals(expected, e.reason(), e::getMessage);
    }

    @Test
    void anAnswerSignedByAnotherShangMiPlatformIsNotTrusted() {
        ShangMiKeys otherKeys = ShangMiKeys.generate(keys.rsa());
        try (FakeWechatPay other = FakeWechatPay.startShangMi(otherKeys)) {
            // trusts the other server's certificate, talks to this one: the serial is unknown
            WechatPay client = track(server.merchantBuilder(merchantKey)
                    .platformCertificates(other.certificatesPem())
                    .jsonCodec(new JacksonJsonCodec())
                    .build());
            assertEquals(
                    Reason.UNKNOWN_SERIAL,
                    assertThrows(
                                    SignatureVerificationException.class,
                                    () -> client.chain("v3/certificates").get(Options.query("algorithm_type", "SM2")))
                            .reason());
        }
    }

    @Test
    void hostileNotificationsAreRejected() {
        WechatPay client = client();
        FakeNotification honest =
                server.notification("TRANSACTION.SUCCESS", "{\"out_trade_no\":\"SM2-N\",\"trade_state\":\"SUCCESS\"}");
        var notifications = client.notifications();
        assertInstanceOf(TransactionSuccess.class, notifications.parse(honest.body(), honest::header));
        Map<FakeNotification, Reason> forged = Map.of(
                honest.withTamperedBody(), Reason.BAD_SIGNATURE,
                honest.withProbeSignature(), Reason.PROBE_SIGNATURE,
                honest.withTimestamp(Instant.now().minus(Duration.ofMinutes(6))), Reason.STALE_TIMESTAMP,
                honest.signedWithAnotherKey(), Reason.BAD_SIGNATURE);
        forged.forEach((n, reason) -> assertEquals(
                reason,
                assertThrows(SignatureVerificationException.class, () -> notifications.parse(n.body(), n::header))
                        .reason(),
                n::toString));
        FakeNotification brokenTag = honest.withBrokenTag();
        assertThrows(DecryptionException.class, () -> notifications.parse(brokenTag.body(), brokenTag::header));
    }

    @Test
    void anRsaSignedAnswerOrNotificationIsRefusedByAShangMiClient() {
        WechatPay client = client();
        try (FakeWechatPay rsa = FakeWechatPay.start(keys.rsa(), FakeWechatPay.Mode.CERTIFICATE)) {
            FakeNotification n = rsa.notification("TRANSACTION.SUCCESS", "{\"trade_state\":\"SUCCESS\"}");
            assertEquals(
                    Reason.UNSUPPORTED_ALGORITHM,
                    assertThrows(
                                    SignatureVerificationException.class,
                                    () -> client.notifications().parse(n.body(), n::header))
                            .reason());
        }
    }

    @Test
    void anRsaKeyWithSm2CertificatesOrTheReverseIsAConfigurationError() {
        ConfigurationException rsaKey = assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder()
                        .merchantId(keys.mchid())
                        .merchantSerialNumber(keys.merchantSerial())
                        .privateKey(keys.rsa().merchantKeys().getPrivate())
                        .platformCertificates(server.certificatesPem())
                        .jsonCodec(new JacksonJsonCodec())
                        .build());
        assertTrue(
                rsaKey.getMessage().contains("wechatpay-crypto-sm")
                        || rsaKey.getMessage().contains("SM2"),
                rsaKey.getMessage());
        ConfigurationException publicKey = assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder()
                        .merchantId(keys.mchid())
                        .merchantSerialNumber(keys.merchantSerial())
                        .merchantKey(merchantKey)
                        .wechatpayPublicKey(
                                keys.rsa().publicKeyId(),
                                keys.rsa().platformKeys().getPublic())
                        .jsonCodec(new JacksonJsonCodec())
                        .build());
        assertTrue(publicKey.getMessage().contains("SM2"), publicKey.getMessage());
    }
}
