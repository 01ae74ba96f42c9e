package io.github.wechatpay4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the fake server received it: method, raw path and query (exactly as sent, still percent-encoded),
 * headers (names lower-cased), body bytes, and the outcome of the server's signature check.
 *
 * @param method         HTTP method
 * @param rawPath        raw path, e.g. {@code /v3/pay/transactions/id/4200%2F01}
 * @param rawQuery       raw query without {@code ?}, or {@code null}
 * @param headers        header names in lower case → values
 * @param body           body bytes
 * @param authorization  parameters of the {@code Authorization} header ({@code mchid}, {@code nonce_str}, …), empty
 *                       when it could not be parsed
 * @param signatureError why the signature was rejected, or {@code null} when it verified
 */
public record RecordedRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        Map<String, String> authorization,
        String signatureError) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Path and query as signed: {@code rawPath[?rawQuery]}. */
    public String target() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    public boolean signatureValid() {
        return signatureError == null;
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + target() + ", " + body.length + " bytes, signature "
                + (signatureError == null ? "ok" : signatureError) + "]";
    }
}
