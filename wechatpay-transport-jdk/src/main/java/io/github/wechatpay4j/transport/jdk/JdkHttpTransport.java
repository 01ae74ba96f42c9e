package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@link HttpTransport} on the JDK's {@link HttpClient}: no dependency beyond {@code java.net.http}. Sync calls use
 * {@link HttpClient#send}, async calls the truly non-blocking {@link HttpClient#sendAsync}. Redirects are never
 * followed; the read timeout is the JDK's per-request timeout (until the response arrives).
 *
 * <p>Pass your own {@code HttpClient} (proxy, TLS, executor, HTTP/2) with {@link #JdkHttpTransport(HttpClient,
 * Duration)}; it is then yours to manage.
 */
public final class JdkHttpTransport implements HttpTransport {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration readTimeout;

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
        options.asyncExecutor().ifPresent(builder::executor);
        this.client = builder.build();
        this.readTimeout = options.readTimeout();
    }

    /**
     * A transport over a client you configured yourself.
     *
     * @param readTimeout per-request timeout, or {@code null} for none
     */
    public JdkHttpTransport(HttpClient client, Duration readTimeout) {
        if (client == null) {
            throw new ConfigurationException("the HttpClient must not be null");
        }
        this.client = client;
        this.readTimeout = readTimeout;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        try {
            return convert(client.send(convert(request), java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for "
                    + request.method() + " " + request.uri().getRawPath());
            interrupted.initCause(e);
            throw interrupted;
        } catch (IllegalArgumentException e) {
            throw new IOException("the JDK HttpClient rejected the request: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        java.net.http.HttpRequest jdk;
        try {
            jdk = convert(request);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("the JDK HttpClient rejected the request: "
                    + e.getMessage(), e));
        }
        CompletableFuture<java.net.http.HttpResponse<byte[]>> sent =
                client.sendAsync(jdk, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse> result = sent.thenApply(JdkHttpTransport::convert);
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private java.net.http.HttpRequest convert(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.hasBody()
                        ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                b.header(name, value);
            }
        });
        return b.build();
    }

    private static HttpResponse convert(java.net.http.HttpResponse<byte[]> response) {
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers
            }
            for (String v : e.getValue()) {
                headers.add(e.getKey(), v);
            }
        }
        return new HttpResponse(response.statusCode(), headers.build(), response.body());
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[" + client.version() + "]";
    }
}
