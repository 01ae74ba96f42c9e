package io.github.wechatpay4j.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP port: sends one request and returns the response, whatever the status. Implementations must
 * <ul>
 *   <li>send {@link HttpRequest#uri()} as is (its raw path and query were signed; never re-encode them),
 *   <li>send the headers and body bytes unchanged, and never follow redirects,
 *   <li>return the raw body bytes unchanged (no decompression the server did not ask for, no charset decoding),
 *   <li>never retry a request on their own once any of it may have been sent (a retried POST can charge twice;
 *       retries belong to the client, which knows whether an operation is safe to repeat),
 *   <li>apply {@link TransportOptions#readTimeout()} as an inactivity limit: waiting for the response to start, or
 *       for the next bytes of its body,
 *   <li>be thread-safe: one instance serves every call of a client.
 * </ul>
 * The contract test suite in {@code wechatpay-core}'s test-jar ({@code io.github.wechatpay4j.contract
 * .HttpTransportContract}) checks all of this; a custom transport should extend it too.
 *
 * <p>Failures are reported as {@link IOException} (synchronously, or as the future's exceptional completion), and
 * the adapter says what happened with the exception's type, the library's own exception as its cause; the client
 * reads nothing else (no class names, no messages) to decide whether a call may be sent again:
 * <ul>
 *   <li>the connection could not be made (refused, unknown host, no route): a {@link java.net.ConnectException},
 *       {@link java.net.UnknownHostException} or {@link java.net.NoRouteToHostException};
 *   <li>a timeout before the connection was made (connecting, the TLS handshake, waiting for a pooled
 *       connection): a {@link ConnectTimeoutException};
 *   <li>any other timeout (the answer or its body did not come in time): a {@link java.net.SocketTimeoutException};
 *   <li>anything else: any other {@code IOException}, taken as a request that may have reached WeChat Pay.
 * </ul>
 * The client turns them into {@link io.github.wechatpay4j.TransportException}.
 */
public interface HttpTransport extends AutoCloseable {

    HttpResponse send(HttpRequest request) throws IOException;

    /** Sends without blocking the caller. Cancelling the returned future should abort the exchange where possible. */
    CompletableFuture<HttpResponse> sendAsync(HttpRequest request);

    /**
     * Sends and returns the response with its body still on the wire, for large downloads. The caller closes the
     * result. The default reads the whole body with {@link #send} (correct, but it holds the body in memory);
     * adapters override it to stream.
     */
    default StreamingHttpResponse stream(HttpRequest request) throws IOException {
        HttpResponse response = send(request);
        return new StreamingHttpResponse(
                response.statusCode(), response.headers(), new ByteArrayInputStream(response.body()));
    }

    /**
     * Creates now what this transport would otherwise create on its first call (its HTTP client, TLS context and
     * connection pool), so that the first call does not wait for it. The client calls this once, off the caller's
     * thread, right after it is built (unless built with {@code warmUp(false)}); a call may come before it ends, and
     * then waits for it or does the work itself. Must be idempotent and thread-safe, must do nothing once the
     * transport is closed (and never leave anything open that {@link #close()} would have closed), and must not
     * throw: a failure is left to the first call, which reports it. The default does nothing.
     */
    default void warmUp() {}

    /** Releases pools and threads this transport created itself; a user-supplied client is left open. */
    @Override
    default void close() {}
}
