package io.github.wechatpay4j.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP port: sends one request and returns the response, whatever the status. Implementations must
 * <ul>
 *   <li>send {@link HttpRequest#uri()} as is (its raw path and query were signed; never re-encode them),
 *   <li>send the headers and body bytes unchanged, and never follow redirects,
 *   <li>return the raw body bytes unchanged (no decompression the server did not ask for, no charset decoding),
 *   <li>be thread-safe: one instance serves every call of a client.
 * </ul>
 * Failures are reported as {@link IOException} (synchronously, or as the future's exceptional completion); a
 * timeout is a {@link java.net.http.HttpTimeoutException} or {@link java.net.SocketTimeoutException} or any
 * {@code IOException} whose class name contains "Timeout". The client turns them into
 * {@link io.github.wechatpay4j.TransportException}.
 */
public interface HttpTransport extends AutoCloseable {

    HttpResponse send(HttpRequest request) throws IOException;

    /** Sends without blocking the caller. Cancelling the returned future should abort the exchange where possible. */
    CompletableFuture<HttpResponse> sendAsync(HttpRequest request);

    /** Releases pools and threads this transport created itself; a user-supplied client is left open. */
    @Override
    default void close() {
    }
}
