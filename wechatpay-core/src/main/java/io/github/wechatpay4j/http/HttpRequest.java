package io.github.wechatpay4j.http;

import io.github.wechatpay4j.InvalidRequestException;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP request, exactly as it goes on the wire: method, absolute URI (its raw path and query are the bytes that
 * were signed), headers and body bytes. Transports must send {@link #uri()} without re-encoding it.
 *
 * <p>The body array is owned by this record: do not modify it after construction. {@link #toString()} redacts the
 * {@code Authorization} header and omits the body.
 *
 * @param method  upper-case HTTP method
 * @param uri     absolute http or https URI
 * @param headers request headers
 * @param body    body bytes; empty (never {@code null}) when there is no body
 */
public record HttpRequest(String method, URI uri, Headers headers, byte[] body) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpRequest {
        if (method == null || method.isEmpty()) {
            throw new InvalidRequestException("HTTP method must not be empty");
        }
        method = method.toUpperCase(Locale.ROOT);
        if (uri == null || !uri.isAbsolute()) {
            throw new InvalidRequestException("request URI must be absolute, got " + uri);
        }
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? NO_BODY : body;
    }

    /** Whether the request has a non-empty body. */
    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r
                && method.equals(r.method)
                && uri.equals(r.uri)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return ((method.hashCode() * 31 + uri.hashCode()) * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + uri + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}
