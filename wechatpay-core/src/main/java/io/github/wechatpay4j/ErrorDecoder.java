package io.github.wechatpay4j;

import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.scheme.Scheme;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The pipeline's error stage: reads a non-2xx answer into a {@link ServiceException} (WeChat Pay's {@code code},
 * {@code message}, {@code detail}, the sign information of a signature error), noting whether the answer was signed
 * and whether a signature it carried failed. A body that is not WeChat Pay's error JSON is kept as text.
 */
final class ErrorDecoder {
    private final Scheme scheme;
    private final Clock clock;
    private final Duration window;
    private final JsonCodec codec;

    ErrorDecoder(Scheme scheme, Clock clock, Duration window, JsonCodec codec) {
        this.scheme = scheme;
        this.clock = clock;
        this.window = window;
        this.codec = codec;
    }

    /** The {@link ServiceException} for a non-2xx answer: its code, message and detail, whether it was signed. */
    ServiceException decode(HttpResponse response, String requestId) {
        boolean signed = false;
        boolean signatureInvalid = false;
        if (scheme.isSigned(response.headers())) {
            try {
                scheme.verify(response.headers(), response.body(), clock.instant(), window);
                signed = true;
            } catch (RuntimeException e) {
                signatureInvalid = true; // headers present but not verifying: altered, not merely unsigned
            }
        }
        String code = null;
        String message = null;
        ServiceException.ErrorDetail detail = null;
        ServiceException.SignInformation signInformation = null;
        byte[] body = response.body();
        if (body.length > 0 && looksLikeJsonObject(body)) {
            try {
                Map<String, Object> map = codec.read(body, JsonTypes.MAP);
                code = text(map.get("code"));
                message = text(map.get("message"));
                if (map.get("detail") instanceof Map<?, ?> d) {
                    detail = new ServiceException.ErrorDetail(
                            text(d.get("field")), text(d.get("value")), text(d.get("issue")), text(d.get("location")));
                    if (d.get("sign_information") instanceof Map<?, ?> si) {
                        signInformation = new ServiceException.SignInformation(
                                text(si.get("method")),
                                text(si.get("url")),
                                si.get("sign_message_length") instanceof Number n ? n.longValue() : null,
                                text(si.get("truncated_sign_message")));
                    }
                }
            } catch (RuntimeException ignored) {
                // not a WeChat Pay error body: reported with the raw text below
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > 2048) {
            text = text.substring(0, 2048) + "…";
        }
        return new ServiceException(
                response.statusCode(),
                code,
                message,
                detail,
                requestId,
                signed,
                signatureInvalid,
                text,
                signInformation);
    }

    private static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
