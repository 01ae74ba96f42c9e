package io.github.wechatpay4j.http;

import java.util.Arrays;
import java.util.Optional;

/**
 * One HTTP response as received: status, headers and the raw body bytes (signature verification needs the exact
 * bytes). The body array is owned by this record: do not modify it.
 *
 * @param statusCode HTTP status code
 * @param headers    response headers (case-insensitive)
 * @param body       raw body bytes; empty (never {@code null}) when there is none
 */
public record HttpResponse(int statusCode, Headers headers, byte[] body) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpResponse {
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? NO_BODY : body;
    }

    public boolean isSuccessful() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** The {@code Request-ID} header WeChat Pay puts on every answer. */
    public Optional<String> requestId() {
        return headers.first("Request-ID");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponse r
                && statusCode == r.statusCode
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return (statusCode * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + statusCode + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
