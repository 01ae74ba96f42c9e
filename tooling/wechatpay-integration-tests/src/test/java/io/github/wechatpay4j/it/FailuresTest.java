package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure of the exchange ends in its documented WechatPayException subtype, sync and async alike. */
class FailuresTest extends FakeServerTestBase {
    private static final String PATH = "/v3/pay/transactions/native";
    private static final Options ORDER = Options.rawJson("{\"out_trade_no\":\"T1\",\"amount\":{\"total\":1}}");

    private void okRoute() {
        server.on("POST", PATH, FakeResponse.ok("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}"));
    }

    /** The exception of the sync call, after checking that the async call fails the same way. */
    private <T extends WechatPayException> T fails(Class<T> type, WechatPay client, Options options) {
        CompletionException async = assertThrows(
                CompletionException.class,
                () -> client.chain(PATH).postAsync(options).join());
        assertInstanceOf(type, async.getCause(), String.valueOf(async.getCause()));
        return assertThrows(type, () -> client.chain(PATH).post(options));
    }

    /**
     * A forged answer to a state change: the prepay is idempotent by out_trade_no, so the client asks again (the fault
     * stays on), and ends in an unknown outcome whose cause says why the answer was rejected.
     */
    private SignatureVerificationException forged(Fault fault) {
        okRoute();
        server.fault(fault);
        OutcomeUnknownException e = fails(OutcomeUnknownException.class, client(), ORDER);
        assertTrue(e.getMessage().contains("may have taken effect"), e.getMessage());
        assertTrue(e.getMessage().contains("query it by out_trade_no=T1"), e.getMessage());
        assertTrue(e.requestId().isPresent(), "the Request-ID of the rejected answer is kept");
        assertEquals(RetryPolicy.defaults().maxAttempts(), e.attempts());
        SignatureVerificationException cause = assertInstanceOf(SignatureVerificationException.class, e.getCause());
        assertTrue(cause.getMessage().contains("Request-ID"), cause.getMessage());
        return cause;
    }

    @Test
    void tamperedBody() {
        assertEquals(Reason.BAD_SIGNATURE, forged(Fault.TAMPER_BODY).reason());
    }

    @Test
    void staleTimestamp() {
        assertEquals(Reason.STALE_TIMESTAMP, forged(Fault.STALE_TIMESTAMP).reason());
    }

    @Test
    void unknownSerial() {
        assertEquals(Reason.UNKNOWN_SERIAL, forged(Fault.UNKNOWN_SERIAL).reason());
    }

    @Test
    void probeSignature() {
        assertEquals(Reason.PROBE_SIGNATURE, forged(Fault.PROBE_SIGNATURE).reason());
    }

    @Test
    void unsigned2xxIsForged() {
        assertEquals(
                Reason.MISSING_HEADER, forged(Fault.MISSING_SIGNATURE_HEADERS).reason());
    }

    @Test
    void getFailuresDoNotClaimUnknownOutcome() {
        server.on("GET", "/v3/certificates", FakeResponse.ok("{\"data\":[]}"));
        server.fault(Fault.TAMPER_BODY);
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> client().chain("v3/certificates").get());
        assertFalse(e.getMessage().contains("may have taken effect"), e.getMessage());
    }

    @Test
    void unsignedHtml502IsAServiceExceptionNotAParseError() {
        server.fault(Fault.UNSIGNED_HTML_502);
        ServiceException e = fails(ServiceException.class, client(), ORDER);
        assertEquals(502, e.statusCode());
        assertTrue(e.code().isEmpty());
        assertFalse(e.isSigned());
        assertTrue(e.isRetryable());
        assertTrue(e.body().contains("502 Bad Gateway"));
    }

    @Test
    void signedErrorWithDetail() {
        server.on(
                "POST",
                PATH,
                FakeResponse.json(
                        400,
                        "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\","
                                + "\"detail\":{\"field\":\"/amount/currency\",\"value\":\"XYZ\",\"issue\":\"Currency code is invalid\","
                                + "\"location\":\"body\"}}"));
        ServiceException e = fails(ServiceException.class, client("gson"), ORDER);
        assertEquals(400, e.statusCode());
        assertEquals("PARAM_ERROR", e.code().orElseThrow());
        assertEquals("参数错误", e.errorMessage().orElseThrow());
        ServiceException.ErrorDetail d = e.detail().orElseThrow();
        assertEquals("/amount/currency", d.field());
        assertEquals("XYZ", d.value());
        assertEquals("Currency code is invalid", d.issue());
        assertEquals("body", d.location());
        assertTrue(e.isSigned());
        assertFalse(e.isRetryable());
        assertTrue(e.requestId().isPresent());
        assertTrue(e.getMessage().contains("PARAM_ERROR") && e.getMessage().contains("/amount/currency"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500:SYSTEM_ERROR", "429:FREQUENCY_LIMITED", "500:BANK_ERROR"})
    void retryableErrors(String spec) {
        String[] p = spec.split(":");
        server.on("POST", PATH, FakeResponse.error(Integer.parseInt(p[0]), p[1], "try later"));
        ServiceException e = fails(ServiceException.class, client(), ORDER);
        assertEquals(p[1], e.code().orElseThrow());
        assertTrue(e.isRetryable());
    }

    @Test
    void wrongMerchantKeyIsRejectedByTheServer() {
        WechatPay client = track(server.clientBuilder()
                .privateKey(TestKeys.generate().merchantKeys().getPrivate())
                .jsonCodec(codec("jackson"))
                .build());
        ServiceException e = fails(ServiceException.class, client, ORDER);
        assertEquals(401, e.statusCode());
        assertEquals("SIGN_ERROR", e.code().orElseThrow());
        assertTrue(e.isSigned());
    }

    @Test
    void clientClockSkewIsRejectedByTheServerAndSaysSo() {
        okRoute();
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        WechatPay client = track(server.clientBuilder()
                .clock(skewed)
                .timestampWindow(Duration.ofMinutes(30))
                .jsonCodec(codec("jackson"))
                .build());
        ServiceException e = fails(ServiceException.class, client, ORDER);
        assertEquals("SIGN_ERROR", e.code().orElseThrow());
        assertTrue(e.errorMessage().orElseThrow().contains("timestamp"));
    }

    @Test
    void signedEmpty204Verifies() {
        server.on("POST", "/v3/pay/transactions/out-trade-no/T1/close", FakeResponse.noContent());
        ApiResponse r = client().chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close")
                .post(Options.path("out_trade_no", "T1").withJson(Map.of("mchid", keys.mchid())));
        assertEquals(204, r.statusCode());
        assertFalse(r.hasBody());
        assertThrows(MalformedResponseException.class, () -> r.as(Map.class));
    }

    @Test
    void non2xxJsonParsesButA2xxThatIsNotJsonIsMalformedOnlyWhenRead() {
        server.on(
                "POST",
                PATH,
                new FakeResponse(200, Map.of("Content-Type", "text/plain"), "OK".getBytes(StandardCharsets.UTF_8)));
        ApiResponse r = client().chain(PATH).post(ORDER);
        assertEquals("OK", r.bodyAsString());
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> r.asMap());
        assertEquals(200, e.statusCode());
        assertTrue(e.getMessage().contains("text/plain"), e.getMessage());
    }

    @Test
    void slowReplyIsATimeout() {
        okRoute();
        server.slowReply(Duration.ofSeconds(2)).fault(Fault.SLOW_REPLY);
        WechatPay client = track(server.clientBuilder()
                .readTimeout(Duration.ofMillis(300))
                .jsonCodec(codec("jackson"))
                .build());
        OutcomeUnknownException unknown = fails(OutcomeUnknownException.class, client, ORDER);
        TransportException e = assertInstanceOf(TransportException.class, unknown.getCause());
        assertTrue(e.isTimeout());
        assertFalse(e.isConnectFailure());
        assertTrue(
                unknown.getMessage().contains("timed out")
                        && unknown.getMessage().contains("query it by"),
                unknown.getMessage());
    }

    @Test
    void refusedConnectionIsATransportException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        WechatPay client = track(server.clientBuilder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .jsonCodec(codec("jackson"))
                .build());
        TransportException e = fails(TransportException.class, client, ORDER);
        assertFalse(e.isTimeout());
    }

    @Test
    void badRequestsFailBeforeAnythingIsSent() {
        WechatPay client = client();
        assertThrows(
                InvalidRequestException.class, () -> client.chain("v3/pay/{id}").get());
        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/x").post(Options.rawJson("{}").withHeader("Authorization", "mine")));
        assertThrows(InvalidRequestException.class, () -> client.chain("v3/x").get(Options.json(Map.of("a", 1))));
        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/x").post(Options.json(new Object() {
                    @SuppressWarnings("unused")
                    public Object getSelf() {
                        return this;
                    }
                })));
        assertThrows(InvalidRequestException.class, () -> client.chain("v3/x").post(null));
        CompletionException async = assertThrows(
                CompletionException.class,
                () -> client.chain("v3/pay/{id}").getAsync().join());
        assertInstanceOf(InvalidRequestException.class, async.getCause());
        assertEquals(0, server.requests().size());
    }

    @Test
    void builderErrorsAreConfigurationExceptions() {
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().merchantId("").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().merchantId("19x").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().merchantSerialNumber("XYZ").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().baseUrl("ftp://x").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().baseUrl("not a url").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder().privateKey("garbage").build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder()
                        .readTimeout(Duration.ZERO)
                        .jsonCodec(codec("gson"))
                        .build());
        assertThrows(
                ConfigurationException.class,
                () -> server.clientBuilder()
                        .nonceSupplier(() -> "not valid!")
                        .jsonCodec(codec("gson"))
                        .build()
                        .chain("v3/x")
                        .get());
        assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder()
                        .merchantId("1")
                        .merchantSerialNumber("AB")
                        .privateKey(keys.merchantKeys().getPrivate())
                        .build(),
                "no verification key");
    }

    @Test
    void aCustomSignerThatMisbehavesIsAConfigurationError() {
        io.github.wechatpay4j.crypto.Signer quoting = new io.github.wechatpay4j.crypto.Signer() {
            @Override
            public String algorithm() {
                return "SHA256-RSA2048";
            }

            @Override
            public String sign(byte[] message) {
                return "abc\",evil=\"1";
            }
        };
        WechatPay client = track(server.clientBuilder()
                .signer(quoting)
                .jsonCodec(codec("jackson"))
                .build());
        assertThrows(ConfigurationException.class, () -> client.chain("v3/x").get());
        io.github.wechatpay4j.crypto.Signer throwing = new io.github.wechatpay4j.crypto.Signer() {
            @Override
            public String algorithm() {
                return "SHA256-RSA2048";
            }

            @Override
            public String sign(byte[] message) {
                throw new IllegalStateException("HSM offline");
            }
        };
        WechatPay hsm = track(server.clientBuilder()
                .signer(throwing)
                .jsonCodec(codec("jackson"))
                .build());
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> hsm.chain("v3/x").get());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(0, server.requests().size());
    }

    @Test
    void anInvalidMethodIsAnInvalidRequest() {
        assertThrows(InvalidRequestException.class, () -> client().chain("v3/x").send("PO ST", Options.none()));
        assertThrows(InvalidRequestException.class, () -> client().chain("v3/x").send("", Options.none()));
        assertEquals(0, server.requests().size());
    }

    @Test
    void oneBuilderBuildsIndependentClientsAndIsNotChangedByBuilding() {
        server.on("GET", "/v3/x", FakeResponse.ok("{}"));
        WechatPay.Builder builder = server.clientBuilder()
                .merchantSerialNumber(keys.merchantSerial().toLowerCase(java.util.Locale.ROOT))
                .jsonCodec(codec("jackson"));
        WechatPay first = track(builder.build());
        WechatPay second = track(builder.baseUrl(server.baseUrl() + "/").build());
        assertEquals(keys.merchantSerial(), first.merchantSerialNumber(), "serial normalised to upper case");
        assertEquals(server.baseUrl(), second.baseUrl(), "trailing slash trimmed");
        assertEquals(200, first.chain("v3/x").get().statusCode());
        assertEquals(200, second.chain("v3/x").get().statusCode());
        first.close();
        assertEquals(200, second.chain("v3/x").get().statusCode(), "closing one client leaves the other working");
    }

    @Test
    void theMerchantSerialAmongPlatformKeysIsRejectedAtBuildTime() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder()
                        .merchantId("1900000001")
                        .merchantSerialNumber(keys.platformSerial())
                        .privateKey(keys.merchantKeys().getPrivate())
                        .platformCertificate(keys.platformCertificate())
                        .jsonCodec(codec("jackson"))
                        .build());
        assertTrue(e.getMessage().contains("merchant certificate serial"), e.getMessage());
    }
}
