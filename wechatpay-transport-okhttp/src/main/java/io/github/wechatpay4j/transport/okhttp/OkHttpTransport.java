package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.http.TransportOptions;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpTransport} on OkHttp. Async calls are enqueued on OkHttp's dispatcher and cancelling their future
 * cancels the call; downloads stream from the socket.
 *
 * <p>Behaviour the SDK relies on, applied to every client including yours: redirects are not followed, and request
 * bodies are one-shot, so OkHttp never sends a POST, PUT, PATCH or DELETE a second time after a connection failure
 * (a repeated payment request can charge twice; the SDK's own retry policy decides). When the caller sets no
 * {@code Accept-Encoding}, {@code identity} is sent so that OkHttp does not ask for gzip and unzip behind the
 * signature's back.
 *
 * <p>Pass your own {@link OkHttpClient} with {@link #OkHttpTransport(OkHttpClient)} to keep its pool, dispatcher,
 * proxy, TLS and interceptors; it stays yours to shut down. A logging interceptor of yours sees the
 * {@code Authorization} header: redact it.
 */
public final class OkHttpTransport implements HttpTransport {
    private static final byte[] EMPTY = new byte[0];

    /** Makes the client this transport creates, on first use; {@code null} for a client given. */
    private final java.util.function.Supplier<OkHttpClient> pending;

    private volatile OkHttpClient client;
    private final long maxResponseBytes;
    private final boolean ownsClient;
    private volatile boolean closed;

    /**
     * A transport with its own client: the options' timeouts (the read timeout applies to each read), proxy and TLS
     * context; up to {@link TransportOptions#maxConnections()} concurrent calls per host, twice that in all.
     */
    public OkHttpTransport(TransportOptions options) {
        if (options == null) {
            throw new ConfigurationException("transport options must not be null");
        }
        if (options.executor() != null && !(options.executor() instanceof ExecutorService)) {
            throw new ConfigurationException("OkHttp runs async calls on an ExecutorService; the executor given is a "
                    + options.executor().getClass().getName() + ". Pass an ExecutorService, or your own OkHttpClient");
        }
        // the trust manager of a TLS context given is checked now; OkHttp itself (its classes, its TLS platform, its
        // pool) is set up on first use or by warmUp(), which the client runs on its work executor: about 200 ms in a
        // fresh JVM, which building a WechatPay client should not pay
        javax.net.ssl.X509TrustManager trust =
                options.sslContext() == null ? null : Tls.trustManager(options.sslContext());
        this.pending = () -> {
            Dispatcher dispatcher = options.executor() == null
                    ? new Dispatcher()
                    : new Dispatcher((ExecutorService) options.executor());
            dispatcher.setMaxRequestsPerHost(options.maxConnections());
            dispatcher.setMaxRequests(options.maxConnections() * 2);
            OkHttpClient.Builder builder = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(options.maxConnections(), 5, TimeUnit.MINUTES))
                    .connectTimeout(options.connectTimeout())
                    .readTimeout(options.readTimeout())
                    .writeTimeout(options.readTimeout());
            options.proxySelector().ifPresent(builder::proxySelector);
            if (trust != null) {
                builder.sslSocketFactory(options.sslContext().getSocketFactory(), trust);
            }
            return safe(builder);
        };
        this.maxResponseBytes = options.maxResponseBytes();
        this.ownsClient = true;
    }

    /** A transport over your own client (shares its pool and dispatcher; redirects are switched off for our calls). */
    public OkHttpTransport(OkHttpClient client) {
        this(client, TransportOptions.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** A transport over your own client, reading response bodies of at most {@code maxResponseBytes}. */
    public OkHttpTransport(OkHttpClient client, long maxResponseBytes) {
        if (client == null) {
            throw new ConfigurationException("the OkHttpClient must not be null");
        }
        if (maxResponseBytes <= 0) {
            throw new ConfigurationException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
        this.client = safe(client.newBuilder());
        this.pending = null;
        this.maxResponseBytes = maxResponseBytes;
        this.ownsClient = false;
    }

    /**
     * The OkHttp client, built the first time a call needs it; a failure to build it is that call's. Built under the
     * lock that {@link #close()} takes, so that a transport closed while its client is being built shuts it down too.
     */
    private OkHttpClient client() throws IOException {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("this transport is closed");
                }
                c = client;
                if (c == null) {
                    try {
                        c = pending.get();
                    } catch (RuntimeException e) {
                        throw new IOException("the OkHttp client could not be created: " + e, e);
                    }
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * Builds the OkHttp client this transport creates, unless closed or built already; a failure is the first call's.
     */
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

    private static OkHttpClient safe(OkHttpClient.Builder builder) {
        return builder.followRedirects(false).followSslRedirects(false).build();
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        try (Response response = call(request).execute()) {
            return convert(response);
        } catch (IOException e) {
            throw classified(e);
        }
    }

    @Override
    public StreamingHttpResponse stream(HttpRequest request) throws IOException {
        Response response;
        try {
            response = call(request).execute();
        } catch (IOException e) {
            throw classified(e);
        }
        ResponseBody body = response.body();
        InputStream in = body == null ? InputStream.nullInputStream() : body.byteStream();
        return new StreamingHttpResponse(response.code(), headers(response), new FilterInputStream(in) {
            @Override
            public void close() {
                response.close();
            }
        });
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        Call call;
        try {
            call = call(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(classified(e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    result.complete(convert(response));
                } catch (IOException e) {
                    result.completeExceptionally(classified(e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(new IOException("reading the response failed: " + e, e));
                }
            }
        });
        return result;
    }

    /**
     * OkHttp's failures as the transport port reports them: a connect timeout (the socket's "connect timed out",
     * which OkHttp passes on as it is) is a {@link ConnectTimeoutException}; refused connections are already
     * {@link java.net.ConnectException}s and read timeouts {@link SocketTimeoutException}s.
     */
    static IOException classified(IOException e) {
        if (e instanceof SocketTimeoutException
                && e.getMessage() != null
                && e.getMessage().equalsIgnoreCase("connect timed out")) {
            return new ConnectTimeoutException("connecting timed out", e);
        }
        return e;
    }

    private Call call(HttpRequest request) throws IOException {
        if (closed) {
            throw new IOException("this transport is closed");
        }
        try {
            Request.Builder b = new Request.Builder().url(request.uri().toURL());
            boolean acceptEncoding = false;
            for (String name : request.headers().names()) {
                if (Headers.isConnectionManaged(name)) {
                    continue;
                }
                acceptEncoding |= name.equalsIgnoreCase("Accept-Encoding");
                for (String value : request.headers().all(name)) {
                    b.addHeader(name, value);
                }
            }
            if (!acceptEncoding) {
                b.header("Accept-Encoding", "identity");
            }
            String method = request.method();
            boolean bodyless = method.equals("GET") || method.equals("HEAD");
            if (bodyless && request.hasBody()) {
                throw new IOException(method + " cannot carry a body with OkHttp");
            }
            b.method(method, bodyless ? null : new OneShotBody(request.hasBody() ? request.body() : EMPTY));
            return client().newCall(b.build());
        } catch (IllegalArgumentException e) {
            throw new IOException("OkHttp rejected the request: " + e.getMessage(), e);
        }
    }

    /** Reads the body, at most {@code maxResponseBytes} of it. */
    private HttpResponse convert(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return new HttpResponse(response.code(), headers(response), EMPTY);
        }
        if (body.contentLength() > maxResponseBytes) {
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        okio.BufferedSource source = body.source();
        if (source.request(maxResponseBytes + 1)) {
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        return new HttpResponse(response.code(), headers(response), source.readByteArray());
    }

    private static Headers headers(Response response) {
        okhttp3.Headers h = response.headers();
        Headers.Builder headers = Headers.builder();
        for (int i = 0; i < h.size(); i++) {
            headers.add(h.name(i), h.value(i));
        }
        return headers.build();
    }

    /** Refuses further calls; shuts down the dispatcher and pool of a client this transport created. */
    @Override
    public void close() {
        OkHttpClient c;
        synchronized (this) { // waits for a client being built, so that it is shut down too
            if (closed) {
                return;
            }
            closed = true;
            c = client;
        }
        if (ownsClient && c != null) { // never built: nothing to shut down
            c.dispatcher().cancelAll();
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OkHttpTransport[" + (ownsClient ? "own client" : "your client") + (closed ? ", closed" : "") + "]";
    }

    /** The request bytes, sent once: OkHttp must not replay them after a connection failure. */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return null; // the caller's Content-Type header is sent unchanged
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }
    }
}
