package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic platform certificates against the fake server's {@code GET /v3/certificates}: the three key
 * configurations, rotation under load, and every way a download can be refused.
 */
class PlatformCertificatesTest {
    private static final String ORDER = "/v3/pay/transactions/out-trade-no/T1";
    private static TestKeys keys;
    private FakeWechatPay server;
    private final List<WechatPay> clients = new ArrayList<>();

    @BeforeAll
    static void generateKeys() {
        keys = TestKeys.generate();
    }

    @BeforeEach
    void startServer() {
        server = FakeWechatPay.start(keys, FakeWechatPay.Mode.CERTIFICATE);
        server.on("GET", ORDER, FakeResponse.ok("{\"out_trade_no\":\"T1\",\"trade_state\":\"SUCCESS\"}"));
    }

    @AfterEach
    void stop() {
        clients.forEach(WechatPay::close);
        server.close();
    }

    private WechatPay track(WechatPay client) {
        clients.add(client);
        return client;
    }

    private WechatPay.Builder auto() {
        return server.merchantBuilder().jsonCodec(new JacksonJsonCodec()).autoCertificates();
    }

    private String order(WechatPay client) {
        return (String) client.chain("v3/pay/transactions/out-trade-no/{n}")
                .get(Options.path("n", "T1"))
                .asMap()
                .get("trade_state");
    }

    @Test
    void certificatesOnlyDownloadsWhenBuiltAndVerifiesWithThem() {
        WechatPay client = track(auto().build());

        assertEquals(Set.of(keys.platformSerial()), client.verifier().serialNumbers());
        assertEquals("SUCCESS", order(client));
        assertEquals("/v3/certificates", server.requests().get(0).rawPath());
        assertTrue(server.requests().get(0).signatureValid(), "the download request is signed like any other");
    }

    @Test
    void publicKeyOnlyMerchantGetsAConfigurationErrorThatSaysHowToConfigureIt() {
        server.mode(FakeWechatPay.Mode.PUBLIC_KEY);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> auto().build());

        assertTrue(e.getMessage().contains("public key only"), e.getMessage());
        assertTrue(e.getMessage().contains("wechatpayPublicKey(\"PUB_KEY_ID_"), e.getMessage());
        assertTrue(e.getMessage().contains("RESOURCE_NOT_EXISTS"), e.getMessage());
        // the same merchant configured as it should be just works
        WechatPay client =
                track(server.clientBuilder().jsonCodec(new JacksonJsonCodec()).build());
        assertEquals("SUCCESS", order(client));
    }

    @Test
    void migrationHoldsThePublicKeyAndTheDownloadedCertificatesAndRoutesBySerial() {
        WechatPay client = track(auto().wechatpayPublicKey(
                        keys.publicKeyId(), keys.platformKeys().getPublic())
                .build());
        assertEquals(
                Set.of(keys.publicKeyId(), keys.platformSerial()),
                client.verifier().serialNumbers());

        assertEquals("SUCCESS", order(client)); // signed with the certificate
        server.mode(FakeWechatPay.Mode.PUBLIC_KEY);
        assertEquals("SUCCESS", order(client)); // signed with the public key
        assertEquals(
                keys.publicKeyId(),
                server.lastRequest().header("Wechatpay-Serial").orElse(keys.publicKeyId()));
    }

    /**
     * Issue 18, item 5 (this test used to expect a build failure): certificates voided after the migration, with a
     * public key configured, the client builds and carries on with the public key. Without one it still fails.
     */
    @Test
    void aPublicKeyOnlyAnswerDuringMigrationCarriesOnWithThePublicKey() {
        server.mode(FakeWechatPay.Mode.PUBLIC_KEY);
        WechatPay client = track(auto().wechatpayPublicKey(
                        keys.publicKeyId(), keys.platformKeys().getPublic())
                .build());
        assertEquals(Set.of(keys.publicKeyId()), client.verifier().serialNumbers());
        assertEquals("SUCCESS", order(client));
        assertThrows(ConfigurationException.class, () -> auto().build(), "no public key: nothing could verify");
    }

    @Test
    void rotationUnderConcurrentCallsFailsNoCall() throws Exception {
        WechatPay client = track(auto().build());
        String oldSerial = keys.platformSerial();
        int threads = 8;
        int callsPerThread = 40;
        AtomicInteger done = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(threads * callsPerThread / 4);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean async = t % 2 == 0;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < callsPerThread; i++) {
                    try {
                        String state = async
                                ? (String) client.chain("v3/pay/transactions/out-trade-no/{n}")
                                        .getAsync(Options.path("n", "T1"))
                                        .join()
                                        .asMap()
                                        .get("trade_state")
                                : order(client);
                        if (!"SUCCESS".equals(state)) {
                            failures.add(new AssertionError("state " + state));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    done.incrementAndGet();
                    halfway.countDown();
                }
            }));
        }
        assertTrue(halfway.await(60, TimeUnit.SECONDS));
        String newSerial = Keys.serialNumber(server.rotateCertificate()); // WeChat Pay signs with the new one now
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(List.of(), List.copyOf(failures));
        assertEquals(threads * callsPerThread, done.get());
        assertEquals("SUCCESS", order(client)); // at least this call is signed by the new certificate
        assertEquals(Set.of(oldSerial, newSerial), client.verifier().serialNumbers());
        long downloads = server.requests().stream()
                .filter(r -> r.rawPath().equals("/v3/certificates"))
                .count();
        assertEquals(2, downloads, "one download at build, one (not one per caller) for the new serial");

        server.retireOldCertificates(); // the old certificate is gone from WeChat Pay's list
        assertEquals(Set.of(newSerial), client.refreshPlatformCertificates());
        assertEquals("SUCCESS", order(client));
    }

    @Test
    void unknownSerialDownloadsAreRateLimited() {
        MutableClock clock = new MutableClock();
        WechatPay client = track(auto().clock(clock).build());
        server.rotateCertificate();
        assertEquals("SUCCESS", order(client)); // first unknown serial: one download

        server.rotateCertificate();
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> order(client));
        assertEquals(SignatureVerificationException.Reason.UNKNOWN_SERIAL, e.reason());

        clock.advance(Duration.ofSeconds(61)); // still inside the 5-minute window of the fake's own clock
        assertEquals("SUCCESS", order(client));
        assertEquals(
                3,
                server.requests().stream()
                        .filter(r -> r.rawPath().equals("/v3/certificates"))
                        .count());
    }

    @Test
    void aPublicKeySerialNeverTriggersACertificateDownload() {
        WechatPay client = track(auto().build());
        server.mode(FakeWechatPay.Mode.PUBLIC_KEY); // signs with PUB_KEY_ID_… the client was not given
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class, () -> order(client));
        assertEquals(SignatureVerificationException.Reason.UNKNOWN_SERIAL, e.reason());
        assertEquals(
                1,
                server.requests().stream()
                        .filter(r -> r.rawPath().equals("/v3/certificates"))
                        .count());
    }

    @Test
    void wrongSerialNoIsRefused() {
        server.fault(FakeWechatPay.Fault.CERTIFICATES_WRONG_SERIAL_NO);
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> auto().build());
        assertTrue(e.getMessage().contains("serial_no says"), e.getMessage());
        assertTrue(e.getMessage().contains(keys.platformSerial()), e.getMessage());
    }

    @Test
    void badGcmTagIsRefusedWithAHintAtTheApiV3Key() {
        server.fault(FakeWechatPay.Fault.CERTIFICATES_BAD_TAG);
        DecryptionException e = assertThrows(DecryptionException.class, () -> auto().build());
        assertTrue(e.getMessage().contains("APIv3 key"), e.getMessage());
        assertFalse(e.getMessage().contains(keys.apiV3Key()));
    }

    @Test
    void aWrongApiV3KeyIsRefusedAndNeverShown() {
        String wrong = "abcdefghijklmnopqrstuvwxyz012345";
        DecryptionException e = assertThrows(
                DecryptionException.class, () -> auto().apiV3Key(wrong).build());
        assertTrue(e.getMessage().contains("APIv3 key"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void apiV3KeyMustBeExactly32BytesAndIsCheckedWithoutShowingIt() {
        for (String bad :
                new String[] {"short-key", keys.apiV3Key() + "x", " " + keys.apiV3Key(), "密钥密钥密钥密钥密钥密钥密钥密钥密钥密钥密钥"}) {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class, () -> server.merchantBuilder().apiV3Key(bad));
            assertTrue(e.getMessage().contains("exactly 32 bytes"), e.getMessage());
            assertFalse(e.getMessage().contains(bad.strip()), e.getMessage());
        }
        ConfigurationException missing = assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder()
                        .merchantId(keys.mchid())
                        .merchantSerialNumber(keys.merchantSerial())
                        .privateKey(keys.merchantKeys().getPrivate())
                        .autoCertificates()
                        .baseUrl(server.baseUrl())
                        .build());
        assertTrue(missing.getMessage().contains("apiV3Key"), missing.getMessage());
    }

    @Test
    void anUnsignedOrForgedDownloadIsRefused() {
        server.fault(FakeWechatPay.Fault.MISSING_SIGNATURE_HEADERS);
        SignatureVerificationException unsigned =
                assertThrows(SignatureVerificationException.class, () -> auto().build());
        assertEquals(SignatureVerificationException.Reason.MISSING_HEADER, unsigned.reason());

        server.clearFaults().fault(FakeWechatPay.Fault.STALE_TIMESTAMP);
        assertEquals(
                SignatureVerificationException.Reason.STALE_TIMESTAMP,
                assertThrows(SignatureVerificationException.class, () -> auto().build())
                        .reason());

        server.clearFaults().fault(FakeWechatPay.Fault.PROBE_SIGNATURE);
        assertEquals(
                SignatureVerificationException.Reason.PROBE_SIGNATURE,
                assertThrows(SignatureVerificationException.class, () -> auto().build())
                        .reason());
    }

    @Test
    void aTamperedDownloadSignedByAKnownCertificateIsRefusedBeforeDecrypting() {
        WechatPay client = track(auto().build());
        server.fault(FakeWechatPay.Fault.TAMPER_BODY);
        SignatureVerificationException e =
                assertThrows(SignatureVerificationException.class, client::refreshPlatformCertificates);
        assertEquals(SignatureVerificationException.Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("current keys are kept"), e.getMessage());
    }

    @Test
    void aDownloadSignedOnlyByAnExpiredCertificateIsRefused() {
        WechatPay client = track(auto().build());
        server.rotateCertificate(Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(1));
        server.retireOldCertificates();
        WechatPayException e = assertThrows(WechatPayException.class, client::refreshPlatformCertificates);
        assertTrue(e.getMessage().contains("no certificate in it is valid now"), e.getMessage());
        assertEquals(Set.of(keys.platformSerial()), client.verifier().serialNumbers());
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodSet() {
        WechatPay client = track(auto().build());
        Set<String> before = client.verifier().serialNumbers();
        server.fault(FakeWechatPay.Fault.CERTIFICATES_BAD_TAG);
        assertThrows(DecryptionException.class, client::refreshPlatformCertificates);
        server.clearFaults().fault(FakeWechatPay.Fault.UNSIGNED_HTML_502);
        assertThrows(WechatPayException.class, client::refreshPlatformCertificates);
        server.clearFaults();

        assertEquals(before, client.verifier().serialNumbers());
        assertEquals("SUCCESS", order(client));
    }

    @Test
    void aFailedFirstDownloadWithConfiguredCertificatesLogsAndGoesOn() {
        server.fault(FakeWechatPay.Fault.UNSIGNED_HTML_502);
        WechatPay client =
                track(auto().platformCertificate(keys.platformCertificate()).build());
        server.clearFaults();
        assertEquals("SUCCESS", order(client));
    }

    @Test
    void refreshesAreScheduledOnTheGivenSchedulerWhichStaysTheCallers() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            WechatPay client = auto().certificateRefreshScheduler(scheduler)
                    .certificateRefreshInterval(Duration.ofMinutes(30))
                    .build();
            assertEquals(1, scheduler.getQueue().size(), "the next refresh is scheduled");
            long delay = ((java.util.concurrent.ScheduledFuture<?>)
                            scheduler.getQueue().peek())
                    .getDelay(TimeUnit.SECONDS);
            assertTrue(delay > 26 * 60 && delay <= 33 * 60, "30 min ± 10% jitter, was " + delay + " s");
            client.close();
            assertEquals(0, scheduler.getQueue().size(), "close() cancels the refresh");
            assertFalse(scheduler.isShutdown(), "a scheduler the caller gave stays open");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void closingTheClientStopsItsOwnRefreshThread() throws Exception {
        WechatPay client = auto().build();
        String name = "wechatpay4j-certificates-" + keys.mchid();
        Thread refresher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no refresh thread " + name));
        assertTrue(refresher.isDaemon(), "the refresh thread never keeps the JVM alive");

        client.close();
        refresher.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(refresher.isAlive(), "close() stops the refresh thread");
    }

    @Test
    void twoMerchantsInOneJvmKeepTheirOwnCertificates() {
        TestKeys other = TestKeys.generate("1900000002");
        try (FakeWechatPay second = FakeWechatPay.start(other, FakeWechatPay.Mode.CERTIFICATE)) {
            second.on("GET", ORDER, FakeResponse.ok("{\"trade_state\":\"REFUND\"}"));
            WechatPay a = track(auto().build());
            WechatPay b = track(second.merchantBuilder()
                    .jsonCodec(new JacksonJsonCodec())
                    .autoCertificates()
                    .build());

            assertEquals(Set.of(keys.platformSerial()), a.verifier().serialNumbers());
            assertEquals(Set.of(other.platformSerial()), b.verifier().serialNumbers());
            assertEquals("SUCCESS", order(a));
            assertEquals("REFUND", order(b));
            second.rotateCertificate();
            assertEquals("REFUND", order(b));
            assertEquals(Set.of(keys.platformSerial()), a.verifier().serialNumbers(), "a is untouched");
        }
    }

    @Test
    void autoCertificatesCannotBeCombinedWithACustomVerifier() {
        WechatPay plain =
                track(server.clientBuilder().jsonCodec(new JacksonJsonCodec()).build());
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> auto().verifier(plain.verifier()).build());
        assertTrue(e.getMessage().contains("custom Verifier"), e.getMessage());
        assertInstanceOf(
                ConfigurationException.class,
                assertThrows(ConfigurationException.class, plain::refreshPlatformCertificates));
    }
}
