package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.http.TransportOptions;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/** A custom transport: the SDK's HTTP port on the JDK's HttpURLConnection, with no dependency at all. */
public final class UrlConnectionTransport implements HttpTransport {
    private final TransportOptions options;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "urlconnection-transport");
        t.setDaemon(true);
        return t;
    });

    public UrlConnectionTransport(TransportOptions options) {
        this.options = options;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        HttpURLConnection c = open(request);
        try (StreamingHttpResponse response = exchange(c, request)) {
            return new HttpResponse(response.statusCode(), response.headers(), bounded(response, c));
        }
    }

    /** The body, at most {@code maxResponseBytes} of it; a longer one drops the connection instead of reading on. */
    private byte[] bounded(StreamingHttpResponse response, HttpURLConnection c) throws IOException {
        long limit = options.maxResponseBytes();
        if (c.getContentLengthLong() > limit) {
            c.disconnect();
            throw new ResponseTooLargeException(limit);
        }
        InputStream in = response.body() == null ? InputStream.nullInputStream() : response.body();
        byte[] body = in.readNBytes((int) limit);
        if (in.read() >= 0) {
            c.disconnect();
            throw new ResponseTooLargeException(limit);
        }
        return body;
    }

    @Override
    public StreamingHttpResponse stream(HttpRequest request) throws IOException {
        return exchange(open(request), request);
    }

    /** A configured, not yet connected connection. */
    private HttpURLConnection open(HttpRequest request) throws IOException {
        if (executor.isShutdown()) {
            throw new IOException("transport closed");
        }
        if (request.method().equals("PATCH")) {
            throw new IOException("HttpURLConnection cannot send PATCH; use another transport for PATCH operations");
        }
        Proxy proxy =
                options.proxySelector().map(p -> p.select(request.uri()).get(0)).orElse(Proxy.NO_PROXY);
        HttpURLConnection c = (HttpURLConnection) request.uri().toURL().openConnection(proxy);
        if (c instanceof HttpsURLConnection https) { // a client certificate, when the options' TLS context holds one
            options.ssl().ifPresent(ssl -> https.setSSLSocketFactory(ssl.getSocketFactory()));
        }
        c.setRequestMethod(request.method());
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) options.connectTimeout().toMillis());
        c.setReadTimeout((int) options.readTimeout().toMillis()); // per read: an inactivity limit
        c.setUseCaches(false);
        request.headers().forEach(c::addRequestProperty); // the JDK drops Host, Content-Length and the like itself
        return c;
    }

    private StreamingHttpResponse exchange(HttpURLConnection c, HttpRequest request) throws IOException {
        boolean withBody = request.hasBody() || request.method().matches("POST|PUT");
        if (withBody) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(request.body().length); // a streamed body is never re-sent
        }
        try {
            c.connect();
        } catch (SocketTimeoutException e) { // the port's failure contract: say that nothing was sent
            throw new ConnectTimeoutException("connecting to " + request.uri().getHost() + " timed out", e);
        }
        if (withBody) {
            try (OutputStream out = c.getOutputStream()) {
                out.write(request.body());
            }
        }
        int status = c.getResponseCode();
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
            if (e.getKey() != null) { // the null key is the status line
                e.getValue().forEach(v -> headers.add(e.getKey(), v));
            }
        }
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new StreamingHttpResponse(status, headers.build(), body);
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        try {
            HttpURLConnection c = open(request);
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    c.disconnect(); // closes the socket: the blocked call fails and the exchange ends
                }
            });
            executor.execute(() -> {
                try (StreamingHttpResponse response = exchange(c, request)) {
                    result.complete(new HttpResponse(response.statusCode(), response.headers(), bounded(response, c)));
                } catch (IOException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (IOException e) {
            result.completeExceptionally(e);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("transport closed", e));
        }
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
