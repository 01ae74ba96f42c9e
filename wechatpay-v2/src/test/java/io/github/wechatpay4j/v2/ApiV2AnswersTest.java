package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.SignatureVerificationException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading APIv2 answers: which failure is which, and that nothing unverified is believed. */
class ApiV2AnswersTest {
    private static final ApiV2Key KEY = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");

    private static byte[] answer(SignType type, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
        }
        if (type != null) {
            f.put("sign", ApiV2Signatures.sign(f, type, KEY));
        }
        return ApiV2Xml.write(f);
    }

    @Test
    void aSignedSuccessGivesItsFields() {
        byte[] body = answer(
                SignType.HMAC_SHA256,
                "return_code",
                "SUCCESS",
                "result_code",
                "SUCCESS",
                "mch_id",
                "10000100",
                "prepay_id",
                "wx201410272009395522657a690389285100");
        Map<String, String> f = ApiV2Answers.check(200, body, SignType.HMAC_SHA256, KEY, true);
        assertEquals("wx201410272009395522657a690389285100", f.get("prepay_id"));
    }

    @Test
    void aRefusedRequestIsNotABusinessFailure() {
        ApiV2ServiceException e = assertThrows(
                ApiV2ServiceException.class,
                () -> ApiV2Answers.check(
                        200, answer(null, "return_code", "FAIL", "return_msg", "签名错误"), SignType.MD5, KEY, true));
        assertFalse(e.isBusinessFailure());
        assertEquals("FAIL", e.returnCode());
        assertEquals("签名错误", e.errorMessage().orElseThrow());
        assertTrue(e.code().isEmpty());
        assertFalse(e.isSigned());
    }

    @Test
    void aBusinessFailureIsReportedOnlyAfterItsSignVerified() {
        byte[] paying = answer(
                SignType.MD5,
                "return_code",
                "SUCCESS",
                "result_code",
                "FAIL",
                "err_code",
                "USERPAYING",
                "err_code_des",
                "需要用户输入支付密码");
        ApiV2ServiceException e = assertThrows(
                ApiV2ServiceException.class, () -> ApiV2Answers.check(200, paying, SignType.MD5, KEY, true));
        assertTrue(e.isBusinessFailure());
        assertEquals("USERPAYING", e.code().orElseThrow());
        assertTrue(e.isRetryable(), "the payer is still paying: query again");
        assertTrue(e.isSigned());

        byte[] forged = new String(paying, java.nio.charset.StandardCharsets.UTF_8)
                .replace("USERPAYING", "ORDERPAID")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(
                SignatureVerificationException.class, () -> ApiV2Answers.check(200, forged, SignType.MD5, KEY, true));
    }

    @Test
    void anAnswerSignedWithAnotherAlgorithmThanTheRequestsIsRefused() {
        byte[] md5 = answer(SignType.MD5, "return_code", "SUCCESS", "result_code", "SUCCESS");
        assertThrows(
                SignatureVerificationException.class,
                () -> ApiV2Answers.check(200, md5, SignType.HMAC_SHA256, KEY, true));
    }

    @Test
    void unsignedOperationsAreReadWithoutTheSignatureStep() {
        byte[] unsigned = answer(null, "return_code", "SUCCESS", "result_code", "SUCCESS", "mch_billno", "B1");
        assertThrows(
                SignatureVerificationException.class, () -> ApiV2Answers.check(200, unsigned, SignType.MD5, KEY, true));
        assertEquals(
                "B1",
                ApiV2Answers.check(200, unsigned, SignType.MD5, KEY, false).get("mch_billno"));
        assertThrows(
                MalformedXmlException.class,
                () -> ApiV2Answers.check(200, answer(null, "result_code", "SUCCESS"), SignType.MD5, KEY, false));
    }
}
