package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.http.TransportOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HttpTransport} on the JDK's {@link HttpClient}: no dependency beyond {@code java.net.http}. Async calls use
 * the non-blocking {@link HttpClient#sendAsync}; cancelling their future aborts the exchange. The client this transport
 * creates runs its own small non-blocking tasks inline (mostly on its selector thread) unless
 * {@link TransportOptions#asyncExecutor()} names an executor for them. Redirects are never
 * followed. The read timeout is the JDK's per-request timeout until the response starts, then an inactivity limit
 * while the body arrives (which the JDK does not bound by itself).
 *
 * <p>The JDK client has no connection limit of its own and opens one HTTP/1.1 connection per exchange in flight. This
 * transport therefore keeps at most {@link TransportOptions#maxConnections()} asynchronous exchanges in flight per
 * host; further ones wait in order and start as earlier ones end (cancelling a waiting one means it is never sent).
 * Blocking calls are bounded by your own threads, and streamed downloads are not counted.
 *
 * <p>Pass your own {@code HttpClient} (proxy, TLS, executor, HTTP/2) with {@link #JdkHttpTransport(HttpClient,
 * Duration)}; it is then yours to manage, and its exchanges are not limited by this transport.
 */
public final class JdkHttpTransport implements HttpTransport {

    /** The settings of the client this transport creates, on first use; {@code null} for a client passed in. */
    private final HttpClient.Builder pending;

    private volatile HttpClient client;
    private final Duration readTimeout;
    private final long maxResponseBytes;
    private final boolean ownsClient;
    private final int maxConnections;
    /** Asynchronous exchanges in flight per host ({@code scheme://authority}); {@code null} for a client passed in. */
    private final ConcurrentHashMap<String, InFlightLimit> limits;

    private volatile boolean closed;

    /** A transport with its own {@code HttpClient} built from {@code options} (HTTP/1.1, no redirects). */
    public JdkHttpTransport(TransportOptions options) {
        if (options == null) {
            throw new ConfigurationException("transport options must not be null");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        options.proxySelector().ifPresent(builder::proxy);
        options.ssl().ifPresent(builder::sslContext);
        // the client's own small tasks (reading and parsing answers, completing its futures) run where they arise,
        // mostly on its selector thread, instead of going to a cached pool and from there to the waiting caller: one
        // thread hand-off less per call, about 10 % more calls per second than the JDK's default on 2 cores. The JDK's
        // maintainers designed the executor for non-blocking tasks so that it can run them inline (D. Fuchs, net-dev,
        // 2025-10-03: https://mail.openjdk.org/pipermail/net-dev/2025-October/028202.html); ours are: the body
        // subscribers only copy or queue buffers, and verifying and binding run on the caller's thread or on core's
        // work executor. Actions that depend on sendAsync's future run on the JDK's own pool whatever is set here.
        builder.executor(options.asyncExecutor().orElse(Runnable::run));
        // built on first use or by warmUp(), which the client runs on its work executor: the JDK client's start-up
        // (its selector thread, the default TLS context) costs a fresh JVM about 200 ms, which building a WechatPay
        // client should not pay
        this.pending = builder;
        this.readTimeout = options.readTimeout();
        this.maxResponseBytes = options.maxResponseBytes();
        this.ownsClient = true;
        this.maxConnections = options.maxConnections();
        this.limits = new ConcurrentHashMap<>();
    }

    /**
     * A transport over a client you configured yourself. Make sure it does not follow redirects.
     *
     * @param readTimeout read timeout (see the class description); {@code null} for the default 30 s
     */
    public JdkHttpTransport(HttpClient client, Duration readTimeout) {
        if (client == null) {
            throw new ConfigurationException("the HttpClient must not be null");
        }
        if (readTimeout != null && (readTimeout.isNegative() || readTimeout.isZero())) {
            throw new ConfigurationException("readTimeout must be positive, got " + readTimeout);
        }
        this.client = client;
        this.pending = null;
        this.readTimeout = readTimeout == null ? TransportOptions.DEFAULT_READ_TIMEOUT : readTimeout;
        this.maxResponseBytes = TransportOptions.DEFAULT_MAX_RESPONSE_BYTES;
        this.ownsClient = false;
        this.maxConnections = 0;
        this.limits = null; // its connections (HTTP/2 perhaps) are configured by whoever built it
    }

    /**
     * The JDK client, built the first time it is needed. A failure
     * (the JDK's default TLS context cannot be loaded, say) is an {@link IOException} of the call that needed it.
     * Built under the lock that {@link #close()} takes, so that a transport closed while its client is being built
     * closes that client too.
     */
    private HttpClient client() throws IOException {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("this transport is closed");
                }
                c = client;
                if (c == null) {
                    try {
                        c = pending.build();
                    } catch (RuntimeException e) {
                        throw new IOException("the JDK HttpClient could not be created: " + e, e);
                    }
                    client = c;
                }
            }
        }
        return c;
    }

    /** Builds the JDK client this transport creates, unless closed or built already; a failure is the first call's. */
    @Override
    public void warmUp() {
        if (client != null || closed) {
            return;
        }
        try {
            client();
        } catch (IOException e) {
            // the first call builds it again and reports why it cannot
        }
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        java.net.http.HttpResponse<byte[]> response = exchange(request, this::buffered);
        return new HttpResponse(response.statusCode(), headers(response), response.body());
    }

    @Override
    public StreamingHttpResponse stream(HttpRequest request) throws IOException {
        java.net.http.HttpResponse<InputStream> response =
                exchange(request, info -> BodySubscribers.stream(readTimeout));
        return new StreamingHttpResponse(response.statusCode(), headers(response), response.body());
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        java.net.http.HttpRequest jdk;
        HttpClient c;
        try {
            jdk = convert(request);
            c = client();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        if (limits == null) {
            start(c, jdk, result, null);
        } else {
            URI uri = request.uri();
            InFlightLimit limit = limits.computeIfAbsent(
                    uri.getScheme() + "://" + uri.getRawAuthority(), host -> new InFlightLimit(maxConnections));
            limit.submit(() -> start(c, jdk, result, limit));
        }
        return result;
    }

    /**
     * Starts one asynchronous exchange, now or when {@code limit} gives it a place; never throws. A call cancelled or
     * a transport closed while it waited is not sent.
     */
    private void start(
            HttpClient c, java.net.http.HttpRequest jdk, CompletableFuture<HttpResponse> result, InFlightLimit limit) {
        CompletableFuture<java.net.http.HttpResponse<byte[]>> sent;
        try {
            if (result.isDone()) { // cancelled while it waited for a place
                release(limit);
                return;
            }
            if (closed) {
                release(limit);
                result.completeExceptionally(new IOException("this transport is closed"));
                return;
            }
            sent = c.sendAsync(jdk, this::buffered);
        } catch (RuntimeException e) {
            release(limit);
            result.completeExceptionally(new IOException("the JDK HttpClient failed: " + e, e));
            return;
        }
        sent.whenComplete((r, e) -> {
            release(limit); // the next waiting exchange goes out before this answer is handed on
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                result.completeExceptionally(
                        cause instanceof IOException io
                                ? classified(io)
                                : new IOException("the JDK HttpClient failed: " + cause, cause));
            } else {
                result.complete(new HttpResponse(r.statusCode(), headers(r), r.body()));
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
    }

    private static void release(InFlightLimit limit) {
        if (limit != null) {
            limit.release();
        }
    }

    private java.net.http.HttpResponse.BodySubscriber<byte[]> buffered(java.net.http.HttpResponse.ResponseInfo info) {
        return BodySubscribers.bytes(
                readTimeout,
                maxResponseBytes,
                info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private <T> java.net.http.HttpResponse<T> exchange(HttpRequest request, BodyHandler<T> handler) throws IOException {
        java.net.http.HttpRequest jdk = convert(request);
        try {
            // the blocking send runs the exchange with fewer hand-offs between threads than sendAsync(...).get()
            return client().send(jdk, handler);
        } catch (IOException e) {
            throw classified(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                    + request.method() + " " + request.uri().getRawPath());
            interrupted.initCause(e);
            throw interrupted;
        } catch (RuntimeException e) {
            throw new IOException("the JDK HttpClient failed: " + e, e);
        }
    }

    /**
     * The JDK client's failures as the transport port reports them: its connect timeout is a
     * {@link ConnectTimeoutException}, its other timeouts a {@link SocketTimeoutException}; a refused connection is
     * already a {@link java.net.ConnectException}.
     */
    static IOException classified(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ConnectTimeoutException("connecting timed out: " + e.getMessage(), e);
        }
        if (e instanceof HttpTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(e.getMessage());
            timeout.initCause(e);
            return timeout;
        }
        return e;
    }

    private java.net.http.HttpRequest convert(HttpRequest request) throws IOException {
        if (closed) {
            throw new IOException("this transport is closed");
        }
        try {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                    .method(
                            request.method(),
                            request.hasBody()
                                    ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                                    : java.net.http.HttpRequest.BodyPublishers.noBody())
                    .timeout(readTimeout);
            request.headers().forEach((name, value) -> {
                if (!Headers.isConnectionManaged(name)) {
                    b.header(name, value);
                }
            });
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("the JDK HttpClient rejected the request: " + e.getMessage(), e);
        }
    }

    private static Headers headers(java.net.http.HttpResponse<?> response) {
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers
            }
            for (String v : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        return headers.build();
    }

    /**
     * Refuses further calls. A client this transport created is closed too where the JDK allows it (Java 21 and
     * later); on Java 17 it is released when no longer referenced. A client you passed in stays open.
     */
    @Override
    public void close() {
        HttpClient c;
        synchronized (this) { // waits for a client being built, so that it is closed too
            if (closed) {
                return;
            }
            closed = true;
            c = client;
        }
        if (ownsClient && c instanceof AutoCloseable closeable) { // never built: nothing to close
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(JdkHttpTransport.class.getName())
                        .log(System.Logger.Level.DEBUG, "closing the HttpClient failed", e);
            }
        }
    }

    @Override
    public String toString() {
        HttpClient c = client;
        return "JdkHttpTransport[" + (c == null ? HttpClient.Version.HTTP_1_1 : c.version())
                + (closed ? ", closed" : "") + "]";
    }
}
