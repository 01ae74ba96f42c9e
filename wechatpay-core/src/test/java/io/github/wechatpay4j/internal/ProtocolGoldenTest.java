package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.Fixtures;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.http.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Golden vectors: fixed keys, clock and nonce give exactly the signing message and signature that OpenSSL produced
 * independently (src/test/resources/golden), and a fixed signed response verifies while every single-byte change to
 * its body, timestamp, nonce or signature fails.
 */
class ProtocolGoldenTest {
    private static final long TS = 1_700_000_000L;
    private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
    private static final String BODY = "{\"partner\":{\"type\":\"APPID\",\"appid\":\"wx4e1916a585d1f4e9\"},"
            + "\"authorized_data\":{\"business_type\":\"FAVOR_STOCK\",\"stock_id\":\"2433405\"}}";
    private static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD2C3F8A1B";

    private final RsaSigner signer = RsaSigner.fromPem(Fixtures.text("merchant_private_key.pem"));

    @Test
    void postMessageAndSignatureMatchOpenssl() {
        byte[] message = Protocol.requestMessage(
                "POST", "/v3/marketing/partnerships/build", TS, NONCE, BODY.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(Fixtures.resource("request_post.msg"), message);
        assertEquals(Fixtures.text("request_post.sig"), signer.sign(message));
    }

    @Test
    void getMessageSignsAnEmptyBody() {
        byte[] message = Protocol.requestMessage(
                "GET", "/v3/pay/transactions/id/4200000001?mchid=1900000001", TS, NONCE, new byte[0]);
        assertArrayEquals(Fixtures.resource("request_get.msg"), message);
        assertEquals(
                "GET\n/v3/pay/transactions/id/4200000001?mchid=1900000001\n1700000000\n" + NONCE + "\n\n",
                new String(message, StandardCharsets.UTF_8));
        assertEquals(Fixtures.text("request_get.sig"), signer.sign(message));
    }

    @Test
    void authorizationHeaderIsExact() {
        String signature = Fixtures.text("request_post.sig");
        assertEquals(
                "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"" + NONCE
                        + "\",timestamp=\"1700000000\",serial_no=\"" + MERCHANT_SERIAL + "\",signature=\"" + signature
                        + "\"",
                Protocol.authorization(signer.algorithm(), "1900000001", NONCE, TS, MERCHANT_SERIAL, signature));
    }

    @Test
    void nonceIs32AlphanumericCharacters() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String nonce = Protocol.nonce(random);
            assertEquals(32, nonce.length());
            assertEquals(true, nonce.matches("[0-9A-Za-z]{32}"), nonce);
        }
    }

    // ------------------------------------------------------------------ response side

    private static final String R_TS = "1700000000";
    private static final String R_NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    private static final String R_BODY = "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}";
    private static final String KEY_ID = "PUB_KEY_ID_0119000000012025112300000000";

    private final PlatformKeys platform = PlatformKeys.builder()
            .publicKey(KEY_ID, Fixtures.text("platform_public_key.pem"))
            .build();
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(TS + 60), ZoneOffset.UTC);

    private void verify(String ts, String nonce, byte[] body, String signature) {
        Headers headers = Headers.of(
                "Wechatpay-Serial",
                KEY_ID,
                "Wechatpay-Timestamp",
                ts,
                "Wechatpay-Nonce",
                nonce,
                "Wechatpay-Signature",
                signature);
        Protocol.verify(headers, body, platform, clock, Duration.ofMinutes(5));
    }

    @Test
    void responseMessageMatchesAndVerifies() {
        assertArrayEquals(
                Fixtures.resource("response.msg"),
                Protocol.responseMessage(R_TS, R_NONCE, R_BODY.getBytes(StandardCharsets.UTF_8)));
        verify(R_TS, R_NONCE, R_BODY.getBytes(StandardCharsets.UTF_8), Fixtures.text("response.sig"));
    }

    /** Issue 18, item 8: whitespace around a header value (optional whitespace in HTTP) is not part of it. */
    @Test
    void signatureHeaderValuesAreTrimmed() {
        verify(
                " " + R_TS + " ",
                "\t" + R_NONCE,
                R_BODY.getBytes(StandardCharsets.UTF_8),
                Fixtures.text("response.sig").strip() + "  ");
        Headers padded = Headers.of(
                "Wechatpay-Serial",
                " " + KEY_ID + " ",
                "Wechatpay-Timestamp",
                R_TS,
                "Wechatpay-Nonce",
                R_NONCE,
                "Wechatpay-Signature",
                Fixtures.text("response.sig"));
        Protocol.verify(padded, R_BODY.getBytes(StandardCharsets.UTF_8), platform, clock, Duration.ofMinutes(5));
    }

    @Test
    void everySingleByteChangeToTheBodyFails() {
        byte[] body = R_BODY.getBytes(StandardCharsets.UTF_8);
        String sig = Fixtures.text("response.sig");
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            SignatureVerificationException e = assertThrows(
                    SignatureVerificationException.class, () -> verify(R_TS, R_NONCE, changed, sig), "byte " + i);
            assertEquals(Reason.BAD_SIGNATURE, e.reason());
        }
    }

    @Test
    void everySingleCharacterChangeToTimestampOrNonceFails() {
        String sig = Fixtures.text("response.sig");
        byte[] body = R_BODY.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < R_NONCE.length(); i++) {
            String nonce = flip(R_NONCE, i);
            assertEquals(
                    Reason.BAD_SIGNATURE,
                    assertThrows(SignatureVerificationException.class, () -> verify(R_TS, nonce, body, sig))
                            .reason());
        }
        for (int i = 0; i < R_TS.length(); i++) {
            String ts = flipDigit(R_TS, i);
            SignatureVerificationException e =
                    assertThrows(SignatureVerificationException.class, () -> verify(ts, R_NONCE, body, sig));
            // changing a leading digit moves the timestamp out of the window; any other digit breaks the signature
            assertEquals(
                    Math.abs(Long.parseLong(ts) - TS - 60) > 300 ? Reason.STALE_TIMESTAMP : Reason.BAD_SIGNATURE,
                    e.reason(),
                    ts);
        }
    }

    @Test
    void everySingleByteChangeToTheSignatureFails() {
        byte[] raw = Base64.getDecoder().decode(Fixtures.text("response.sig"));
        byte[] body = R_BODY.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            String sig = Base64.getEncoder().encodeToString(changed);
            assertEquals(
                    Reason.BAD_SIGNATURE,
                    assertThrows(SignatureVerificationException.class, () -> verify(R_TS, R_NONCE, body, sig))
                            .reason(),
                    "byte " + i);
        }
    }

    @Test
    void theMerchantKeyIsNotThePlatformKey() {
        // a response signed with the wrong key (here: the merchant's) must not verify
        String sig = Fixtures.sign(
                Keys.privateKeyFromPem(Fixtures.text("merchant_private_key.pem")), Fixtures.resource("response.msg"));
        assertEquals(
                Reason.BAD_SIGNATURE,
                assertThrows(
                                SignatureVerificationException.class,
                                () -> verify(R_TS, R_NONCE, R_BODY.getBytes(StandardCharsets.UTF_8), sig))
                        .reason());
    }

    private static String flip(String s, int i) {
        char c = s.charAt(i);
        char d = c == 'A' ? 'B' : 'A';
        return s.substring(0, i) + d + s.substring(i + 1);
    }

    private static String flipDigit(String s, int i) {
        char c = s.charAt(i);
        char d = c == '9' ? '8' : (char) (c + 1);
        return s.substring(0, i) + d + s.substring(i + 1);
    }
}
