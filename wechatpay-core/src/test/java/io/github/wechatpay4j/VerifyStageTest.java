package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.internal.Protocol;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer stage and the error decoder alone: which answers are accepted, and how refusals read. */
class VerifyStageTest {
    private final StageFixtures f = new StageFixtures();
    private final VerifyStage stage = f.verify();
    private final HttpRequest request =
            new HttpRequest("POST", URI.create(StageFixtures.BASE + "/v3/x"), Headers.empty(), new byte[0]);

    @Test
    void aSigned2xxIsTheAnswer() {
        ApiResponse answer = stage.check(request, f.signed(200, "{\"prepay_id\":\"wx1\"}"));
        assertEquals(200, answer.statusCode());
        assertEquals("wx1", answer.asMap().get("prepay_id"));
        assertEquals("REQ-200", answer.requestId().orElseThrow());
    }

    @Test
    void anUnsignedOrAltered2xxIsRefusedNamingTheCall() {
        SignatureVerificationException unsigned = assertThrows(
                SignatureVerificationException.class, () -> stage.check(request, StageFixtures.unsigned(200, "{}")));
        assertTrue(
                unsigned.getMessage().endsWith("[POST /v3/x → HTTP 200, Request-ID REQ-200]"), unsigned.getMessage());
        HttpResponse signed = f.signed(200, "{\"amount\":1}");
        HttpResponse altered =
                new HttpResponse(200, signed.headers(), "{\"amount\":9}".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                SignatureVerificationException.Reason.BAD_SIGNATURE,
                assertThrows(SignatureVerificationException.class, () -> stage.check(request, altered))
                        .reason());
    }

    @Test
    void anErrorAnswerIsDecodedWithWhetherItWasSigned() {
        ServiceException signed = assertThrows(
                ServiceException.class,
                () -> stage.check(
                        request,
                        f.signed(
                                400,
                                "{\"code\":\"PARAM_ERROR\",\"message\":\"bad\",\"detail\":{\"field\":\"/amount\",\"issue\":\"x\"}}")));
        assertEquals(400, signed.statusCode());
        assertEquals("PARAM_ERROR", signed.code().orElseThrow());
        assertEquals("/amount", signed.detail().orElseThrow().field());
        assertTrue(signed.isSigned());
        assertFalse(signed.isSignatureInvalid());

        ServiceException text = assertThrows(
                ServiceException.class,
                () -> stage.check(request, StageFixtures.unsigned(502, "<html>bad gateway</html>")));
        assertFalse(text.isSigned());
        assertTrue(text.code().isEmpty());
        assertEquals("<html>bad gateway</html>", text.body());
        assertTrue(text.isRetryable());

        HttpResponse error = f.signed(500, "{\"code\":\"SYSTEM_ERROR\"}");
        HttpResponse forged =
                new HttpResponse(500, error.headers(), "{\"code\":\"OTHER\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(
                assertThrows(ServiceException.class, () -> stage.check(request, forged))
                        .isSignatureInvalid(),
                "signature headers that do not verify are flagged, not taken as unsigned");
    }

    @Test
    void aSignedStandInIsVerifiedForDownloads() {
        HttpResponse answer = f.signed(200, "{\"sha1\":\"abc\"}");
        stage.verifyAnswer(answer.headers(), answer.body(), "GET /v3/statements");
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> stage.verifyAnswer(
                        answer.headers(), "{\"sha1\":\"abd\"}".getBytes(StandardCharsets.UTF_8), "GET /v3/statements"));
        assertTrue(e.getMessage().endsWith("[GET /v3/statements]"), e.getMessage());
        assertTrue(Protocol.hasSignatureHeaders(answer.headers()));
    }
}
