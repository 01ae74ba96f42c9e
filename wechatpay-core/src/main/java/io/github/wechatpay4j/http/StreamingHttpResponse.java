package io.github.wechatpay4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A response whose body is read as it arrives, for downloads too large to hold in memory (bills, statements). The
 * caller must {@link #close()} it, which releases the connection; closing before the end aborts the exchange or
 * discards the rest, at the transport's choice.
 *
 * <p>Reading the body follows the transport's read timeout: a read that waits longer than that for the next bytes
 * fails with a timeout {@link IOException}.
 */
public final class StreamingHttpResponse implements AutoCloseable {
    private final int statusCode;
    private final Headers headers;
    private final InputStream body;

    public StreamingHttpResponse(int statusCode, Headers headers, InputStream body) {
        this.statusCode = statusCode;
        this.headers = headers == null ? Headers.empty() : headers;
        this.body = Objects.requireNonNullElseGet(body, InputStream::nullInputStream);
    }

    public int statusCode() {
        return statusCode;
    }

    public Headers headers() {
        return headers;
    }

    /** The body as it arrives: raw bytes, never decoded. Read it once. */
    public InputStream body() {
        return body;
    }

    public boolean isSuccessful() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** Closes the body and releases the connection. */
    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return "StreamingHttpResponse[" + statusCode + ", headers=" + headers + "]";
    }
}
