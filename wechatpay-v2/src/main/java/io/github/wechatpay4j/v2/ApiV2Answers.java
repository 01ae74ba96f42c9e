package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.SignatureVerificationException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an APIv2 answer says, checked in the order that keeps a forged answer from being believed: the XML read
 * safely; {@code return_code=FAIL} reported as a refused request (such answers are unsigned); otherwise the
 * {@code sign} verified with the algorithm the request declared (also when the business result is a failure, so that
 * a forged {@code ORDERPAID} is not believed either); then {@code result_code=FAIL} reported as a business failure.
 * Operations whose answers WeChat Pay does not sign are read without the signature step.
 */
public final class ApiV2Answers {
    private static final int BODY_IN_MESSAGES = 512;

    private ApiV2Answers() {}

    /**
     * The fields of a successful answer.
     *
     * @param signedAnswers whether this operation's answers carry a {@code sign} (most do; bills and some transfer
     *                      answers do not)
     * @throws MalformedXmlException          when the body is not an APIv2 document
     * @throws SignatureVerificationException when the sign is missing or does not verify
     * @throws ApiV2ServiceException          when the answer reports a failure at either level
     */
    public static Map<String, String> check(
            int statusCode, byte[] body, SignType requested, ApiV2Key key, boolean signedAnswers) {
        Map<String, String> fields = ApiV2Xml.read(body);
        String returnCode = fields.get("return_code");
        if (returnCode == null) {
            throw new MalformedXmlException("the APIv2 answer has no return_code");
        }
        if (!"SUCCESS".equals(returnCode)) {
            // bill downloads name the failure in error_code (20002: no bill for that day)
            throw new ApiV2ServiceException(
                    statusCode,
                    returnCode,
                    fields.get("return_msg"),
                    null,
                    fields.get("error_code"),
                    null,
                    false,
                    text(body));
        }
        if (signedAnswers) {
            ApiV2Signatures.verify(fields, requested, key);
        }
        String resultCode = fields.get("result_code");
        if (resultCode != null && !"SUCCESS".equals(resultCode)) {
            throw new ApiV2ServiceException(
                    statusCode,
                    returnCode,
                    fields.get("return_msg"),
                    resultCode,
                    fields.get("err_code"),
                    fields.get("err_code_des"),
                    signedAnswers,
                    text(body));
        }
        return fields;
    }

    private static String text(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > BODY_IN_MESSAGES ? s.substring(0, BODY_IN_MESSAGES) + "…" : s;
    }
}
