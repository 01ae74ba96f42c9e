package io.github.wechatpay4j.transport.jdk;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK transport against a real JDK HttpServer on loopback. */
class JdkHttpTransportTest {
    private HttpServer server;
    private final Map<String, Object> seen = new ConcurrentHashMap<>();
    private final JdkHttpTransport transport = new JdkHttpTransport(new TransportOptions(Duration.ofSeconds(2),
            Duration.ofMillis(500), null, null, null, "test"));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.put("method", ex.getRequestMethod());
            seen.put("rawPath", ex.getRequestURI().getRawPath());
            seen.put("rawQuery", String.valueOf(ex.getRequestURI().getRawQuery()));
            seen.put("headers", Map.copyOf(ex.getRequestHeaders()));
            seen.put("body", body);
            ex.getResponseHeaders().add("X-Multi", "a");
            ex.getResponseHeaders().add("X-Multi", "b");
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            ex.sendResponseHeaders(201, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/echo");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    @Test
    void sendsTheRawUriHeadersAndBodyUnchanged() throws Exception {
        byte[] body = "{\"name\":\"微信😀\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest("PATCH", uri("/echo/a%2Fb?q=a%20b%2Bc&x=%E5%BE%AE"),
                Headers.of("X-Mixed-Case", "v1", "Host", "ignored.example", "Connection", "close"), body);
        HttpResponse response = transport.send(request);
        assertEquals(201, response.statusCode());
        assertEquals("PATCH", seen.get("method"));
        assertEquals("/echo/a%2Fb", seen.get("rawPath"));
        assertEquals("q=a%20b%2Bc&x=%E5%BE%AE", seen.get("rawQuery"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) seen.get("headers");
        assertEquals(List.of("v1"), headers.get("X-mixed-case"));
        assertArrayEquals(body, (byte[]) seen.get("body"));
        assertArrayEquals(body, response.body(), "the body comes back as raw bytes, not decoded");
        assertEquals(List.of("a", "b"), response.headers().all("x-multi"));
        assertEquals(Headers.of("X-Mixed-Case", "v1", "Host", "ignored.example", "Connection", "close"),
                request.headers(), "the request is not changed");
    }

    @Test
    void getWithoutBodyAndAsync() throws Exception {
        HttpResponse response = transport.sendAsync(new HttpRequest("GET", uri("/echo"), Headers.empty(), null)).get();
        assertEquals(201, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals("GET", seen.get("method"));
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        assertEquals(302, transport.send(new HttpRequest("GET", uri("/redirect"), null, null)).statusCode());
    }

    @Test
    void readTimeoutIsATimeoutIOException() {
        IOException e = assertThrows(IOException.class, () -> transport.send(new HttpRequest("GET", uri("/slow"), null,
                null)));
        assertTrue(e.getClass().getSimpleName().contains("Timeout"), e.toString());
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> transport.sendAsync(new HttpRequest("GET", uri("/slow"), null, null)).get());
        assertInstanceOf(IOException.class, async.getCause());
    }

    @Test
    void cancellingTheFutureDoesNotBlock() {
        CompletableFuture<HttpResponse> f = transport.sendAsync(new HttpRequest("GET", uri("/slow"), null, null));
        assertTrue(f.cancel(true));
        assertTrue(f.isCancelled());
    }

    @Test
    void aUserSuppliedClientIsUsed() throws Exception {
        HttpClient mine = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JdkHttpTransport custom = new JdkHttpTransport(mine, Duration.ofSeconds(5));
        assertEquals(201, custom.send(new HttpRequest("POST", uri("/echo"), null, "x".getBytes())).statusCode());
    }

    @Test
    void providerIsDiscoverableAndLastInPriority() {
        JdkHttpTransportProvider p = java.util.ServiceLoader.load(io.github.wechatpay4j.http.HttpTransportProvider.class)
                .stream().map(java.util.ServiceLoader.Provider::get)
                .filter(JdkHttpTransportProvider.class::isInstance).map(JdkHttpTransportProvider.class::cast)
                .findFirst().orElseThrow();
        assertEquals("jdk", p.name());
        assertEquals(-100, p.priority());
    }
}
