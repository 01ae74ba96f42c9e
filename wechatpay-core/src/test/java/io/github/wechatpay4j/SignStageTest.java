package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.internal.Protocol;
import org.junit.jupiter.api.Test;

import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign stage alone: each attempt's {@code Authorization}, checked with the merchant's public key. */
class SignStageTest {
    private static final Pattern AUTHORIZATION = Pattern.compile("WECHATPAY2-SHA256-RSA2048 mchid=\"(\\d+)\","
            + "nonce_str=\"(\\w+)\",timestamp=\"(\\d+)\",serial_no=\"(\\w+)\",signature=\"([A-Za-z0-9+/=]+)\"");
    private final StageFixtures f = new StageFixtures();

    private Matcher authorization(HttpRequest request) {
        Matcher m =
                AUTHORIZATION.matcher(request.headers().first("Authorization").orElseThrow());
        assertTrue(m.matches(), request.headers().first("Authorization").orElseThrow());
        return m;
    }

    @Test
    void theSignatureCoversTheExactMethodPathQueryAndBody() throws Exception {
        Prepared call = f.prepare()
                .prepare(
                        "POST",
                        Chain.split("v3/x/{id}"),
                        Options.path("id", "a b").withQuery("q", "1").withJson(Map.of("a", 1)));
        HttpRequest request = f.sign().sign(call, StageFixtures.BASE);
        assertEquals(StageFixtures.BASE + "/v3/x/a%20b?q=1", request.uri().toString());
        assertArrayEquals(call.body(), request.body());
        Matcher m = authorization(request);
        assertEquals(StageFixtures.MCHID, m.group(1));
        assertEquals(StageFixtures.SERIAL, m.group(4));
        assertEquals(String.valueOf(StageFixtures.CLOCK.instant().getEpochSecond()), m.group(3));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(f.merchant.getPublic());
        rsa.update(Protocol.requestMessage(
                "POST", "/v3/x/a%20b?q=1", Long.parseLong(m.group(3)), m.group(2), call.body()));
        assertTrue(rsa.verify(Base64.getDecoder().decode(m.group(5))), "the merchant key verifies the signature");
    }

    @Test
    void everyAttemptIsSignedAfreshOverTheSameBytes() {
        Prepared call = f.prepare().prepare("POST", Chain.split("v3/x"), Options.json(Map.of("a", 1)));
        HttpRequest first = f.sign().sign(call, StageFixtures.BASE);
        HttpRequest second = f.sign().sign(call, StageFixtures.BACKUP);
        assertNotEquals(authorization(first).group(2), authorization(second).group(2), "a new nonce each time");
        assertArrayEquals(first.body(), second.body());
        assertEquals(StageFixtures.BACKUP + "/v3/x", second.uri().toString());
    }

    @Test
    void aSignerThatFailsOrAnswersNoBase64IsAConfigurationError() {
        Prepared call = f.prepare().prepare("GET", Chain.split("v3/x"), Options.none());
        SignStage notBase64 = new SignStage(f.scheme(signer("not base64!")));
        assertTrue(assertThrows(ConfigurationException.class, () -> notBase64.sign(call, StageFixtures.BASE))
                .getMessage()
                .contains("not Base64"));
        SignStage empty = new SignStage(f.scheme(signer("")));
        assertTrue(assertThrows(ConfigurationException.class, () -> empty.sign(call, StageFixtures.BASE))
                .getMessage()
                .contains("no signature"));
    }

    @Test
    void aSchemeThatFailsIsAConfigurationErrorNamingIt() {
        Prepared call = f.prepare().prepare("GET", Chain.split("v3/x"), Options.none());
        SignStage broken = new SignStage(new SchemeTest.Hmac("k") {
            @Override
            public HttpRequest sign(HttpRequest request, byte[] signed) {
                throw new IllegalStateException("boom");
            }
        });
        assertTrue(assertThrows(ConfigurationException.class, () -> broken.sign(call, StageFixtures.BASE))
                .getMessage()
                .contains("TEST-HMAC-SHA256 scheme failed to sign"));
        SignStage silent = new SignStage(new SchemeTest.Hmac("k") {
            @Override
            public HttpRequest sign(HttpRequest request, byte[] signed) {
                return null;
            }
        });
        assertThrows(ConfigurationException.class, () -> silent.sign(call, StageFixtures.BASE));
    }

    private static Signer signer(String signature) {
        return new Signer() {
            @Override
            public String algorithm() {
                return "SHA256-RSA2048";
            }

            @Override
            public String sign(byte[] message) {
                return signature;
            }
        };
    }
}
