package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.BusinessKey;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry policy and unknown outcomes against the stateful fake: what is retried (and sent byte for byte again,
 * signed afresh), what never is, and what a caller learns when a state change may have happened.
 */
@WithFakeWechatPay
class RetriesTest {
    /** Fast backoff so that retries do not slow the suite; the decisions are what is tested, not the waits. */
    private static final RetryPolicy FAST =
            RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private final FakeWechatPay fake;
    private final WechatPay client;

    RetriesTest(FakeWechatPay fake) {
        this.fake = fake;
        this.client = fake.clientBuilder().retryPolicy(FAST).build();
    }

    @BeforeEach
    void record() {
        fake.recordRequests(true);
    }

    private Map<String, Object> nativeOrder(String outTradeNo) {
        return Map.of(
                "appid",
                "wxd678efh567hg6787",
                "mchid",
                fake.keys().mchid(),
                "description",
                "retry test",
                "out_trade_no",
                outTradeNo,
                "notify_url",
                "http://127.0.0.1:9/notify",
                "amount",
                Map.of("total", 100, "currency", "CNY"));
    }

    private List<RecordedRequest> sent(String method, String path) {
        return fake.requests().stream()
                .filter(r -> r.method().equals(method) && r.rawPath().equals(path))
                .toList();
    }

    private void assertSameBytesSignedAgain(List<RecordedRequest> attempts) {
        assertTrue(attempts.size() > 1, "expected a retry, got " + attempts.size() + " request(s)");
        for (RecordedRequest r : attempts) {
            assertTrue(r.signatureValid(), r::toString);
            assertArrayEquals(attempts.get(0).body(), r.body(), "a retry sends the same body bytes");
            assertEquals(attempts.get(0).target(), r.target(), "a retry sends the same path and query");
        }
        assertEquals(
                attempts.size(),
                attempts.stream()
                        .map(r -> r.authorization().get("nonce_str"))
                        .distinct()
                        .count(),
                "every attempt is signed afresh with a new nonce");
    }

    @Test
    void aGetIsRetriedAfterSystemErrorAndFrequencyLimit() {
        String no = "RETRY-GET-001";
        client.chain("v3/pay/transactions/native").post(Options.json(nativeOrder(no)));
        fake.fault(Fault.SYSTEM_ERROR, 1).fault(Fault.FREQUENCY_LIMITED, 1);
        fake.clearRequests();
        ApiResponse r = client.chain("v3/pay/transactions/out-trade-no/{no}")
                .get(Options.path("no", no).withQuery("mchid", fake.keys().mchid()));
        assertEquals("NOTPAY", r.asMap().get("trade_state"));
        assertSameBytesSignedAgain(sent("GET", "/v3/pay/transactions/out-trade-no/" + no));
    }

    @Test
    void aPrepayIsIdempotentByOutTradeNoSoALostAnswerIsRetriedAndTheOrderCreatedOnce() {
        String no = "RETRY-PREPAY-001";
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING, 1);
        Map<String, Object> prepay = client.chain("v3/pay/transactions/native")
                .post(Options.json(nativeOrder(no)))
                .asMap();
        assertTrue(String.valueOf(prepay.get("code_url")).startsWith("weixin://"), prepay.toString());
        assertSameBytesSignedAgain(sent("POST", "/v3/pay/transactions/native"));
        assertEquals(
                1, fake.orders().stream().filter(o -> o.outTradeNo().equals(no)).count());
    }

    @Test
    void aRefundIsIdempotentByOutRefundNo() {
        String no = "RETRY-REFUND-001";
        client.chain("v3/pay/transactions/native").post(Options.json(nativeOrder(no)));
        fake.pay(no);
        fake.fault(Fault.SYSTEM_ERROR, 2);
        fake.clearRequests();
        Map<String, Object> refund = client.chain("v3/refund/domestic/refunds")
                .post(Options.json(Map.of(
                        "out_trade_no",
                        no,
                        "out_refund_no",
                        "R-" + no,
                        "amount",
                        Map.of("refund", 30, "total", 100, "currency", "CNY"))))
                .asMap();
        assertEquals("R-" + no, refund.get("out_refund_no"));
        assertEquals(3, sent("POST", "/v3/refund/domestic/refunds").size());
        assertSameBytesSignedAgain(sent("POST", "/v3/refund/domestic/refunds"));
    }

    @Test
    void whenEveryAttemptIsLostTheOutcomeIsUnknownAndSaysWhatToQueryBy() {
        String no = "RETRY-LOST-001";
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING);
        OutcomeUnknownException e = assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/pay/transactions/native").post(Options.json(nativeOrder(no))));
        fake.clearFaults();
        assertEquals(3, e.attempts());
        assertEquals("POST", e.method());
        assertEquals("/v3/pay/transactions/native", e.path());
        assertEquals(new BusinessKey("out_trade_no", no), e.businessKey().orElseThrow());
        assertInstanceOf(TransportException.class, e.getCause());
        assertTrue(e.getMessage().contains("query it by out_trade_no=" + no), e.getMessage());
        // reconcile as the exception says: the order exists once, and a query finds it
        assertEquals(
                1, fake.orders().stream().filter(o -> o.outTradeNo().equals(no)).count());
        assertEquals(
                "NOTPAY",
                client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(Options.path("no", no)
                                .withQuery("mchid", fake.keys().mchid()))
                        .asMap()
                        .get("trade_state"));
    }

    @Test
    void aPostThatIsNotIdempotentIsSentOnceAndItsLostAnswerIsAnUnknownOutcome() {
        fake.on("POST", "/v3/marketing/favor/users/o1/coupons", FakeResponse.ok("{\"coupon_id\":\"9\"}"));
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING, 1);
        OutcomeUnknownException e = assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/marketing/favor/users/o1/coupons")
                        .post(Options.rawJson("{\"stock_id\":\"1\"}")));
        assertEquals(1, e.attempts());
        assertTrue(e.businessKey().isEmpty());
        assertEquals(1, sent("POST", "/v3/marketing/favor/users/o1/coupons").size());
        assertTrue(e.getMessage().contains("Do not create it again"), e.getMessage());
    }

    @Test
    void aPostDeclaredIdempotentByItsCallerIsRetried() {
        fake.on("POST", "/v3/marketing/favor/users/o1/coupons", FakeResponse.ok("{\"coupon_id\":\"9\"}"));
        fake.fault(Fault.CONNECTION_RESET, 1);
        ApiResponse r = client.chain("v3/marketing/favor/users/o1/coupons")
                .post(Options.rawJson("{\"stock_id\":\"1\",\"out_request_no\":\"REQ-1\"}")
                        .withBusinessKey("out_request_no", "REQ-1"));
        assertEquals("9", r.asMap().get("coupon_id"));
        assertSameBytesSignedAgain(sent("POST", "/v3/marketing/favor/users/o1/coupons"));
    }

    @Test
    void aProbeSignatureOnAPostIsAnUnknownOutcomeWithItsRequestId() {
        fake.on("POST", "/v3/marketing/favor/users/o1/coupons", FakeResponse.ok("{\"coupon_id\":\"9\"}"));
        fake.fault(Fault.PROBE_SIGNATURE, 1);
        OutcomeUnknownException e = assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/marketing/favor/users/o1/coupons")
                        .post(Options.rawJson("{\"stock_id\":\"1\"}")));
        assertInstanceOf(SignatureVerificationException.class, e.getCause());
        assertTrue(e.requestId().isPresent(), "the Request-ID of the unverified answer is kept for support");
        // an idempotent prepay instead asks again, and the honest answer verifies
        fake.fault(Fault.PROBE_SIGNATURE, 1);
        assertTrue(client.chain("v3/pay/transactions/native")
                .post(Options.json(nativeOrder("RETRY-PROBE-01")))
                .asMap()
                .containsKey("code_url"));
    }

    @Test
    void businessErrorsAndLimitsOnAPostThatIsNotIdempotentAreNotRetried() {
        fake.on("POST", "/v3/marketing/favor/users/o1/coupons", FakeResponse.ok("{\"coupon_id\":\"9\"}"));
        fake.fault(Fault.FREQUENCY_LIMITED);
        ServiceException limited = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/marketing/favor/users/o1/coupons")
                        .post(Options.rawJson("{\"stock_id\":\"1\"}")));
        fake.clearFaults();
        assertEquals("FREQUENCY_LIMITED", limited.code().orElseThrow());
        assertEquals(1, sent("POST", "/v3/marketing/favor/users/o1/coupons").size());
        // a business error is final even for an idempotent operation
        String no = "RETRY-PAID-001";
        client.chain("v3/pay/transactions/native").post(Options.json(nativeOrder(no)));
        fake.pay(no);
        fake.clearRequests();
        ServiceException paid = assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/native").post(Options.json(nativeOrder(no))));
        assertEquals("ORDERPAID", paid.code().orElseThrow());
        assertEquals(1, sent("POST", "/v3/pay/transactions/native").size());
    }

    @Test
    void anIdempotencyKeyIsGeneratedWhenRequiredAndKeptAcrossRetries() {
        fake.on("POST", "/v3/marketing/partnerships/build", FakeResponse.ok("{\"state\":\"ESTABLISHED\"}"));
        fake.fault(Fault.SYSTEM_ERROR, 1);
        client.chain("v3/marketing/partnerships/build").post(Options.rawJson("{\"partner\":{\"type\":\"APPID\"}}"));
        List<RecordedRequest> attempts = sent("POST", "/v3/marketing/partnerships/build");
        assertSameBytesSignedAgain(attempts);
        String key = attempts.get(0).header("Idempotency-Key").orElseThrow();
        assertTrue(key.matches("[0-9A-Za-z]{32}"), key);
        assertTrue(attempts.stream()
                .allMatch(r -> key.equals(r.header("Idempotency-Key").orElse(null))));
        // a new call gets a new key; a key the caller gives is sent as given
        fake.clearRequests();
        client.chain("v3/marketing/partnerships/build").post(Options.rawJson("{}"));
        assertNotEquals(key, fake.lastRequest().header("Idempotency-Key").orElseThrow());
        client.chain("v3/marketing/partnerships/build")
                .post(Options.rawJson("{}").withIdempotencyKey("mine-1"));
        assertEquals("mine-1", fake.lastRequest().header("Idempotency-Key").orElseThrow());
        assertThrows(InvalidRequestException.class, () -> Options.none().withIdempotencyKey("has space"));
    }

    @Test
    void aConnectFailureFailsOverToTheBackupHostEvenForAPost() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        fake.on("POST", "/v3/marketing/favor/users/o1/coupons", FakeResponse.ok("{\"coupon_id\":\"9\"}"));
        try (WechatPay failover = fake.clientBuilder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .backupBaseUrl(fake.baseUrl())
                .retryPolicy(FAST)
                .build()) {
            assertEquals(
                    "9",
                    failover.chain("v3/marketing/favor/users/o1/coupons")
                            .post(Options.rawJson("{\"stock_id\":\"1\"}"))
                            .asMap()
                            .get("coupon_id"));
            assertEquals(
                    "9",
                    failover.chain("v3/marketing/favor/users/o1/coupons")
                            .postAsync(Options.rawJson("{\"stock_id\":\"1\"}"))
                            .get(30, TimeUnit.SECONDS)
                            .asMap()
                            .get("coupon_id"));
        }
        try (WechatPay noBackup = fake.clientBuilder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .retryPolicy(FAST)
                .build()) {
            TransportException e = assertThrows(
                    TransportException.class,
                    () -> noBackup.chain("v3/marketing/favor/users/o1/coupons").post(Options.rawJson("{}")));
            assertTrue(e.isConnectFailure(), e::getMessage);
            assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        }
    }

    @Test
    void asyncCallsRetryLikeBlockingOnes() throws Exception {
        String no = "RETRY-ASYNC-001";
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING, 2);
        ApiResponse r = client.chain("v3/pay/transactions/native")
                .postAsync(Options.json(nativeOrder(no)))
                .get(30, TimeUnit.SECONDS);
        assertTrue(r.asMap().containsKey("code_url"));
        assertEquals(3, sent("POST", "/v3/pay/transactions/native").size());
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING);
        CompletableFuture<ApiResponse> lost =
                client.chain("v3/pay/transactions/native").postAsync(Options.json(nativeOrder("RETRY-ASYNC-002")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
        OutcomeUnknownException unknown = assertInstanceOf(OutcomeUnknownException.class, e.getCause());
        assertEquals(3, unknown.attempts());
    }

    @Test
    void aPolicyPerCallOrNoneAndTheDeadlineLimitAttempts() {
        fake.fault(Fault.SYSTEM_ERROR);
        fake.clearRequests();
        Options query = Options.path("no", "RETRY-NONE-01")
                .withQuery("mchid", fake.keys().mchid());
        assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(query.withRetryPolicy(RetryPolicy.none())));
        assertEquals(1, fake.requests().size());
        fake.clearRequests();
        assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(query.withRetryPolicy(FAST.withMaxAttempts(5))));
        assertEquals(5, fake.requests().size());
        fake.clearRequests();
        // a deadline shorter than any possible wait: the first failure is the last
        assertThrows(
                ServiceException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .get(query.withRetryPolicy(RetryPolicy.defaults()
                                .withBackoff(Duration.ofHours(1), Duration.ofHours(1))
                                .withDeadline(Duration.ofNanos(1)))));
        assertEquals(1, fake.requests().size());
    }

    @Test
    void aFourByteCharacterIsRefusedBeforeAnythingIsSent() {
        fake.clearRequests();
        Map<String, Object> order = new java.util.HashMap<>(nativeOrder("RETRY-EMOJI-01"));
        order.put("description", "生日蛋糕 🎂");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/pay/transactions/native").post(Options.json(order)));
        assertTrue(e.getMessage().contains("'description'"), e.getMessage());
        assertFalse(e.getMessage().contains("🎂"), "the value is not repeated");
        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/pay/transactions/native")
                        .post(Options.rawJson("{\"description\":\"\\ud83c\\udf82\"}")));
        assertEquals(0, fake.requests().size());
    }

    @Test
    void anOversizedAnswerIsMalformedOrForAPostAnUnknownOutcome() {
        byte[] big = new byte[64 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        fake.on("GET", "/v3/big", new FakeResponse(200, Map.of("Content-Type", "application/json"), big));
        fake.on("POST", "/v3/big", new FakeResponse(200, Map.of("Content-Type", "application/json"), big));
        try (WechatPay limited = fake.clientBuilder()
                .maxResponseBytes(32 * 1024)
                .retryPolicy(FAST)
                .build()) {
            MalformedResponseException e = assertThrows(
                    MalformedResponseException.class,
                    () -> limited.chain("v3/big").get());
            assertTrue(e.getMessage().contains("maxResponseBytes"), e.getMessage());
            OutcomeUnknownException unknown = assertThrows(
                    OutcomeUnknownException.class, () -> limited.chain("v3/big").post(Options.rawJson("{}")));
            assertInstanceOf(MalformedResponseException.class, unknown.getCause());
        }
        assertEquals(200, client.chain("v3/big").get().statusCode(), "the default limit is far above this");
    }
}
