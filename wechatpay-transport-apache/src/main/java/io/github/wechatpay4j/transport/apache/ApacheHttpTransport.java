package io.github.wechatpay4j.transport.apache;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.http.TransportOptions;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * {@link HttpTransport} on Apache HttpClient 5: the classic (blocking) client for {@link #send} and {@link #stream},
 * the async client for {@link #sendAsync}, each with its own connection pool of
 * {@link TransportOptions#maxConnections()} per route (twice that in all), not HttpClient's default of 5 per route.
 * Each client is set up by the first call that needs it: the async one, and its I/O threads, by the first async
 * call.
 *
 * <p>Behaviour the SDK relies on, set up by {@link #classicBuilder} and {@link #asyncBuilder}: no redirects, no
 * automatic retries (a repeated payment request can charge twice; the SDK's own retry policy decides), no content
 * compression (the response signature covers the bytes as sent), no cookies; pooled connections are checked after a
 * second of inactivity.
 *
 * <p>Bring your own clients with {@link #ApacheHttpTransport(CloseableHttpClient, CloseableHttpAsyncClient)}; start
 * from {@link #classicBuilder} and {@link #asyncBuilder} to keep the settings above and add your interceptors, proxy
 * or TLS. Your clients stay yours to close. A logging interceptor of yours sees the {@code Authorization} header:
 * redact it.
 */
public final class ApacheHttpTransport implements HttpTransport {
    private static final byte[] EMPTY = new byte[0];

    private final TransportOptions ownOptions;
    private final Object lock = new Object();
    private volatile CloseableHttpClient classic;
    private volatile CloseableHttpAsyncClient async;
    private final Executor completions;
    private final long maxResponseBytes;
    private volatile boolean closed;

    /**
     * A transport with its own classic and async clients, configured from {@code options}, each set up by the first
     * call that needs it (HttpClient's classes and pools cost a fresh JVM tens of milliseconds; building a client
     * does not pay them). A failure to set one up is that call's {@link IOException}.
     */
    public ApacheHttpTransport(TransportOptions options) {
        if (options == null) {
            throw new ConfigurationException("transport options must not be null");
        }
        this.ownOptions = options;
        this.completions = options.executor();
        this.maxResponseBytes = options.maxResponseBytes();
    }

    /**
     * A transport over your own clients, which you close. The async client is started if it is not yet.
     */
    public ApacheHttpTransport(CloseableHttpClient classic, CloseableHttpAsyncClient async) {
        this(classic, async, TransportOptions.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** A transport over your own clients, reading response bodies of at most {@code maxResponseBytes}. */
    public ApacheHttpTransport(CloseableHttpClient classic, CloseableHttpAsyncClient async, long maxResponseBytes) {
        if (classic == null || async == null) {
            throw new ConfigurationException("pass both a CloseableHttpClient and a CloseableHttpAsyncClient (build"
                    + " them from ApacheHttpTransport.classicBuilder/asyncBuilder to keep the SDK's settings)");
        }
        if (maxResponseBytes <= 0) {
            throw new ConfigurationException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
        this.classic = classic;
        this.async = async;
        this.ownOptions = null;
        this.completions = null;
        this.maxResponseBytes = maxResponseBytes;
        if (async.getStatus() == IOReactorStatus.INACTIVE) {
            async.start();
        }
    }

    /**
     * A classic client builder with the SDK's settings and {@code options} applied: pool size, connect and socket
     * timeouts, proxy, TLS; no redirects, retries, compression or cookies.
     */
    public static HttpClientBuilder classicBuilder(TransportOptions options) {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(options.maxConnections())
                .setMaxConnTotal(options.maxConnections() * 2)
                .setDefaultConnectionConfig(connectionConfig(options));
        options.ssl().ifPresent(ssl -> pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl)));
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(requestConfig(options))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableDefaultUserAgent();
        options.proxySelector().ifPresent(p -> builder.setRoutePlanner(new SystemDefaultRoutePlanner(p)));
        return builder;
    }

    /** The async counterpart of {@link #classicBuilder}, with at most two I/O threads. */
    public static HttpAsyncClientBuilder asyncBuilder(TransportOptions options) {
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(options.maxConnections())
                .setMaxConnTotal(options.maxConnections() * 2)
                .setDefaultConnectionConfig(connectionConfig(options));
        options.ssl().ifPresent(ssl -> pool.setTlsStrategy(new DefaultClientTlsStrategy(ssl)));
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(pool.build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                        .build())
                .setDefaultRequestConfig(requestConfig(options))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement();
        options.proxySelector().ifPresent(p -> builder.setRoutePlanner(new SystemDefaultRoutePlanner(p)));
        return builder;
    }

    private static ConnectionConfig connectionConfig(TransportOptions options) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(options.connectTimeout()))
                .setSocketTimeout(Timeout.of(options.readTimeout()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
    }

    private static RequestConfig requestConfig(TransportOptions options) {
        return RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(options.readTimeout()))
                .build();
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        HttpUriRequestBase classicRequest = classicRequest(request);
        ClassicHttpResponse response;
        try {
            response = classicClient().executeOpen(null, classicRequest, null);
        } catch (IOException e) {
            throw classified(e);
        } catch (IllegalStateException e) {
            throw new IOException("Apache HttpClient cannot send now: " + e.getMessage(), e);
        }
        HttpResponse converted;
        try {
            converted = new HttpResponse(response.getCode(), headers(response), bounded(response.getEntity()));
        } catch (IOException | RuntimeException e) {
            classicRequest.abort(); // closing would read the rest to reuse the connection: drop it instead
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is gone either way; the read failure is what matters
            }
            if (e instanceof IOException io) {
                throw classified(io);
            }
            throw (RuntimeException) e;
        }
        response.close();
        return converted;
    }

    /** The entity's bytes, at most {@code maxResponseBytes} of them. */
    private byte[] bounded(HttpEntity entity) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        if (entity.getContentLength() > maxResponseBytes) {
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return EMPTY;
        }
        byte[] bytes = in.readNBytes((int) maxResponseBytes);
        if (in.read() >= 0) {
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        in.close(); // at its end: releases the connection for reuse
        return bytes;
    }

    @Override
    public StreamingHttpResponse stream(HttpRequest request) throws IOException {
        HttpUriRequestBase classicRequest = classicRequest(request);
        ClassicHttpResponse response;
        try {
            response = classicClient().executeOpen(null, classicRequest, null);
        } catch (IOException e) {
            throw classified(e);
        } catch (IllegalStateException e) {
            throw new IOException("Apache HttpClient cannot send now: " + e.getMessage(), e);
        }
        HttpEntity entity = response.getEntity();
        InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        return new StreamingHttpResponse(response.getCode(), headers(response), new FilterInputStream(in) {
            private boolean ended;

            @Override
            public int read() throws IOException {
                int b = super.read();
                ended |= b < 0;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                ended |= n < 0;
                return n;
            }

            @Override
            public void close() {
                if (!ended) {
                    // HttpClient would read an unfinished body to its end to reuse the connection: drop it instead
                    classicRequest.abort();
                }
                try {
                    response.close();
                } catch (IOException e) {
                    // the connection is gone either way
                }
            }
        });
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        SimpleHttpRequest asyncRequest;
        CloseableHttpAsyncClient client;
        try {
            check(request);
            client = asyncClient();
            asyncRequest = SimpleHttpRequest.create(request.method(), request.uri());
            copyHeaders(request, asyncRequest);
            if (request.hasBody() || needsEntity(request.method())) {
                asyncRequest.setBody(request.body(), null);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new IOException("Apache HttpClient rejected the request: " + e.getMessage(), e));
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Future<HttpResponse> sent;
        try {
            sent = client.execute(
                    SimpleRequestProducer.create(asyncRequest),
                    new BoundedResponseConsumer(maxResponseBytes),
                    null,
                    null,
                    new FutureCallback<>() {
                        @Override
                        public void completed(HttpResponse response) {
                            complete(result, response, null);
                        }

                        @Override
                        public void failed(Exception e) {
                            complete(
                                    result,
                                    null,
                                    e instanceof IOException io
                                            ? classified(io)
                                            : e instanceof java.util.concurrent.TimeoutException
                                                    ? new ConnectTimeoutException("no connection within the timeout", e)
                                                    : new IOException("Apache HttpClient failed: " + e, e));
                        }

                        @Override
                        public void cancelled() {
                            result.cancel(false);
                        }
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new IOException("Apache HttpClient cannot send now: " + e.getMessage(), e));
        }
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private void complete(CompletableFuture<HttpResponse> result, HttpResponse response, Throwable error) {
        Runnable done = () -> {
            if (error == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(error);
            }
        };
        if (completions == null) {
            done.run(); // on the I/O thread: dependent stages should not block
        } else {
            completions.execute(done);
        }
    }

    /**
     * Apache HttpClient's failures as the transport port reports them: its connect timeout and a wait for a pooled
     * connection that timed out are {@link ConnectTimeoutException}s (nothing was sent); a refused connection
     * ({@code HttpHostConnectException}) is already a {@link java.net.ConnectException} and a read timeout a
     * {@link java.net.SocketTimeoutException}.
     */
    static IOException classified(IOException e) {
        if (e instanceof org.apache.hc.client5.http.ConnectTimeoutException
                || e instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
            return new ConnectTimeoutException("connecting timed out: " + e.getMessage(), e);
        }
        return e;
    }

    /**
     * Sets up the classic client this transport creates (the one blocking calls use), unless closed or set up
     * already; a failure is the first call's. The async client, whose I/O threads run until the transport is closed,
     * is still set up by the first asynchronous call.
     */
    @Override
    public void warmUp() {
        if (ownOptions == null || classic != null || closed) {
            return;
        }
        try {
            classicClient();
        } catch (IOException e) {
            // the first call sets it up again and reports why it cannot
        }
    }

    private CloseableHttpAsyncClient asyncClient() throws IOException {
        CloseableHttpAsyncClient client = async;
        if (client != null) {
            return client;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("this transport is closed");
            }
            if (async == null) {
                try {
                    CloseableHttpAsyncClient created = asyncBuilder(ownOptions).build();
                    created.start();
                    async = created;
                } catch (RuntimeException e) {
                    throw setUpFailed("async", e);
                }
            }
            return async;
        }
    }

    private CloseableHttpClient classicClient() throws IOException {
        CloseableHttpClient client = classic;
        if (client != null) {
            return client;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("this transport is closed");
            }
            if (classic == null) {
                try {
                    classic = classicBuilder(ownOptions).build();
                } catch (RuntimeException e) {
                    throw setUpFailed("classic", e);
                }
            }
            return classic;
        }
    }

    private static IOException setUpFailed(String which, RuntimeException e) {
        return new IOException(
                "Apache HttpClient's " + which + " client could not be set up ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check the TLS and proxy settings",
                e);
    }

    private HttpUriRequestBase classicRequest(HttpRequest request) throws IOException {
        check(request);
        try {
            HttpUriRequestBase r = new HttpUriRequestBase(request.method(), request.uri());
            copyHeaders(request, r);
            if (request.hasBody() || needsEntity(request.method())) {
                r.setEntity(new ByteArrayEntity(request.body(), null));
            }
            return r;
        } catch (RuntimeException e) {
            throw new IOException("Apache HttpClient rejected the request: " + e.getMessage(), e);
        }
    }

    private void check(HttpRequest request) throws IOException {
        if (closed) {
            throw new IOException("this transport is closed");
        }
        if ((request.method().equals("GET") || request.method().equals("HEAD")) && request.hasBody()) {
            throw new IOException(request.method() + " cannot carry a body");
        }
    }

    /** Methods sent with {@code Content-Length: 0} when their body is empty (like the other transports). */
    private static boolean needsEntity(String method) {
        return !(method.equals("GET")
                || method.equals("HEAD")
                || method.equals("DELETE")
                || method.equals("OPTIONS")
                || method.equals("TRACE"));
    }

    private static void copyHeaders(HttpRequest request, HttpMessage target) {
        request.headers().forEach((name, value) -> {
            if (!Headers.isConnectionManaged(name)) {
                target.addHeader(name, value);
            }
        });
    }

    private static Headers headers(HttpMessage response) {
        Headers.Builder headers = Headers.builder();
        for (Header h : response.getHeaders()) {
            headers.add(h.getName(), h.getValue());
        }
        return headers.build();
    }

    /** Refuses further calls and closes the clients this transport created; yours stay open. */
    @Override
    public void close() {
        CloseableHttpAsyncClient toClose;
        CloseableHttpClient classicToClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = async;
            classicToClose = classic;
        }
        if (ownOptions != null) {
            if (classicToClose != null) {
                classicToClose.close(CloseMode.GRACEFUL);
            }
            if (toClose != null) {
                // a graceful close alone leaves the I/O dispatch threads running: let calls in flight finish (for a
                // bounded time), then stop the reactor and its threads
                toClose.initiateShutdown();
                try {
                    toClose.awaitShutdown(TimeValue.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                toClose.close(CloseMode.IMMEDIATE);
            }
        }
    }

    @Override
    public String toString() {
        return "ApacheHttpTransport[" + (ownOptions != null ? "own clients" : "your clients")
                + (closed ? ", closed" : "") + "]";
    }
}
