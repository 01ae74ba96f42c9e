package io.github.wechatpay4j.v2;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to an APIv2 notification, as WeChat Pay expects it: {@code <xml><return_code>SUCCESS…} with 200, or
 * {@code FAIL} with a 5xx status, after which WeChat Pay delivers the notification again.
 *
 * @param status HTTP status to answer with
 * @param body   the XML reply
 */
public record ApiV2Reply(int status, String body) {
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    /** Handled (or handled before). */
    public static ApiV2Reply success() {
        return new ApiV2Reply(200, xml("SUCCESS", "OK"));
    }

    /** Not handled: WeChat Pay delivers again. {@code message} is shown in its delivery log; keep it generic. */
    public static ApiV2Reply failure(int status, String message) {
        return new ApiV2Reply(status, xml("FAIL", message == null || message.isBlank() ? "failed" : message));
    }

    public boolean isSuccess() {
        return status == 200;
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String xml(String code, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("return_code", code);
        fields.put("return_msg", message);
        return new String(ApiV2Xml.write(fields), StandardCharsets.UTF_8);
    }
}
