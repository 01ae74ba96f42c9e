package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.scheme.ApiV3Scheme;
import io.github.wechatpay4j.scheme.Scheme;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheme seam: a scheme that is not APIv3 RSA (a toy HMAC-SHA256 one, written here) goes through the same
 * stages, given to the builder; and the APIv3 RSA scheme's own refusals.
 */
class SchemeTest {
    private final StageFixtures f = new StageFixtures();

    @Test
    void anotherSchemeSignsVerifiesAndDecryptsThroughTheUnchangedStages() {
        Hmac hmac = new Hmac("0123456789abcdef0123456789abcdef");
        f.transport
                .then(hmac.answer(200, "{\"ok\":true}"))
                .then(new HttpResponse(200, Headers.of(Hmac.SIGNATURE, "00"), "{}".getBytes(StandardCharsets.UTF_8)))
                .then(hmac.answer(400, "{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}"));
        try (WechatPay client = WechatPay.builder()
                .merchantId(StageFixtures.MCHID)
                .merchantSerialNumber(StageFixtures.SERIAL)
                .privateKey(f.merchant.getPrivate())
                .wechatpayPublicKey(StageFixtures.KEY_ID, f.platform.getPublic())
                .clock(StageFixtures.CLOCK)
                .apiV3Key("0123456789abcdef0123456789abcdef")
                .transport(f.transport)
                .jsonCodec(f.json)
                .retryPolicy(RetryPolicy.none())
                .scheme(parts -> hmac)
                .build()) {
            ApiResponse ok =
                    client.chain("v3/x/{id}").post(Options.path("id", "a b").withJson(Map.of("a", 1)));
            assertEquals(Boolean.TRUE, ok.asMap().get("ok"));
            HttpRequest sent = f.transport.requests.get(0);
            assertEquals(
                    "TEST-HMAC-SHA256 " + hmac.mac("POST\n/v3/x/a%20b\n" + utf8(sent.body())),
                    sent.headers().first("Authorization").orElseThrow(),
                    "signed by the scheme over the exact bytes");

            assertThrows(
                    SignatureVerificationException.class,
                    () -> client.chain("v3/x").get(),
                    "a 2xx the scheme does not verify is refused");
            ServiceException refused = assertThrows(
                    ServiceException.class, () -> client.chain("v3/x").get());
            assertTrue(refused.isSigned(), "the error decoder asked the scheme");
            assertEquals("PARAM_ERROR", refused.code().orElseThrow());

            String resource =
                    Base64.getEncoder().encodeToString("{\"out_trade_no\":\"T1\"}".getBytes(StandardCharsets.UTF_8));
            byte[] body = ("{\"id\":\"N1\",\"create_time\":\"2026-11-30T16:00:00+08:00\",\"event_type\":"
                            + "\"TEST.EVENT\",\"resource_type\":\"encrypt-resource\",\"resource\":{\"algorithm\":"
                            + "\"TEST-BASE64\",\"ciphertext\":\"" + resource + "\",\"nonce\":\"n\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            Headers headers = Headers.of(Hmac.SIGNATURE, hmac.mac(utf8(body)));
            NotificationEvent event = client.notifications()
                    .parse(body, name -> headers.first(name).orElse(null));
            assertEquals("T1", event.notification().resourceAsMap().get("out_trade_no"));
        }
    }

    @Test
    void aVerifyingOnlyRsaSchemeRefusesToSignAndDecryptsOnlyAesGcmWithAKey() {
        ApiV3Scheme verifying = ApiV3Scheme.verifying(f.verifier, null);
        HttpRequest request =
                new HttpRequest("GET", java.net.URI.create(StageFixtures.BASE + "/v3/x"), Headers.empty(), new byte[0]);
        assertThrows(ConfigurationException.class, () -> verifying.sign(request, new byte[0]));
        assertThrows(
                ConfigurationException.class,
                () -> verifying.decrypt(ApiV3Key.ALGORITHM, null, "n", "c"),
                "no APIv3 key: says how to configure it");
        ApiV3Scheme keyed = ApiV3Scheme.verifying(f.verifier, ApiV3Key.of("0123456789abcdefghijABCDEFGHIJ01"));
        assertTrue(assertThrows(DecryptionException.class, () -> keyed.decrypt("AEAD_SM4_GCM", null, "n", "c"))
                .getMessage()
                .contains("AEAD_SM4_GCM"));
        assertEquals(
                "WECHATPAY2-SHA256-RSA2048",
                f.scheme(new RsaSigner(f.merchant.getPrivate())).name());
        assertFalse(verifying.isSigned(Headers.of("Request-ID", "1")));
        assertTrue(verifying.isSigned(f.signed(200, "{}").headers()));
        verifying.verify(
                f.signed(200, "{}").headers(),
                "{}".getBytes(StandardCharsets.UTF_8),
                StageFixtures.CLOCK.instant(),
                Duration.ofMinutes(5));
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A toy scheme: HMAC-SHA256 with a shared key over the request line and body, Base64 "encryption". */
    static class Hmac implements Scheme {
        static final String SIGNATURE = "X-Test-Signature";
        private final String key;

        Hmac(String key) {
            this.key = key;
        }

        String mac(String message) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        HttpResponse answer(int status, String body) {
            return new HttpResponse(
                    status,
                    Headers.of(SIGNATURE, mac(body), "Request-ID", "R" + status),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String name() {
            return "TEST-HMAC-SHA256";
        }

        @Override
        public HttpRequest sign(HttpRequest request, byte[] signed) {
            String line = request.method() + "\n" + request.uri().getRawPath() + "\n" + utf8(signed);
            return new HttpRequest(
                    request.method(),
                    request.uri(),
                    request.headers().toBuilder()
                            .set("Authorization", name() + " " + mac(line))
                            .build(),
                    request.body());
        }

        @Override
        public boolean isSigned(Headers headers) {
            return headers.contains(SIGNATURE);
        }

        @Override
        public java.util.List<String> signatureHeaders() {
            return java.util.List.of(SIGNATURE);
        }

        @Override
        public void verify(Headers headers, byte[] signed, Instant now, Duration window) {
            if (!mac(utf8(signed)).equals(headers.first(SIGNATURE).orElse(""))) {
                throw new SignatureVerificationException(
                        SignatureVerificationException.Reason.BAD_SIGNATURE, "the HMAC does not match");
            }
        }

        @Override
        public byte[] decrypt(String algorithm, String associatedData, String nonce, String ciphertext) {
            if (!"TEST-BASE64".equals(algorithm)) {
                throw new DecryptionException("not " + algorithm);
            }
            return Base64.getDecoder().decode(ciphertext);
        }
    }
}
