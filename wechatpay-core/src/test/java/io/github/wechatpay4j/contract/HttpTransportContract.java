package io.github.wechatpay4j.contract;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Fixtures;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract every {@link HttpTransport} passes, against a real server on loopback ({@link RawHttpServer}). An
 * adapter's test extends this class and implements {@link #createTransport(TransportOptions)}; nothing else. To skip
 * a test for an adapter, override the method, annotate it {@code @Disabled("why")} and say why in a comment too.
 * Published in wechatpay-core's test-jar.
 *
 * <p>No test asserts a duration. Timeouts are provoked (a server that never answers, a full accept queue) and only
 * their outcome is checked; waits for events are bounded generously so a slow machine passes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class HttpTransportContract {

    /** A new transport under test, built from {@code options} (timeouts, proxy, connection limit). */
    protected abstract HttpTransport createTransport(TransportOptions options);

    /** How a test sends: blocking, or through the future. */
    protected enum Mode {
        SYNC,
        ASYNC
    }

    private static final Duration SHORT = Duration.ofMillis(700);
    private final List<HttpTransport> created = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    protected RawHttpServer server;
    protected HttpTransport transport;

    @BeforeEach
    protected void startServer() throws IOException {
        server = new RawHttpServer();
        closeables.add(server);
        server.on(
                "/echo",
                (req, ex) -> ex.respond(
                        200, req.body(), "Content-Type", "application/octet-stream", "X-Method", req.method()));
        transport = transport(TransportOptions.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @AfterEach
    protected void stopAll() throws Exception {
        for (HttpTransport t : created) {
            t.close();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** A transport that the suite closes after the test. */
    protected final HttpTransport transport(TransportOptions options) {
        HttpTransport t = createTransport(options);
        assertNotNull(t, "createTransport returned null");
        created.add(t);
        return t;
    }

    /** Sends with {@code mode}; an async failure must be an {@link IOException} and is rethrown as such. */
    protected static HttpResponse exchange(HttpTransport t, Mode mode, HttpRequest request) throws IOException {
        if (mode == Mode.SYNC) {
            return t.send(request);
        }
        CompletableFuture<HttpResponse> future = t.sendAsync(request);
        assertNotNull(future, "sendAsync returned null");
        try {
            return future.get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new AssertionError("an async failure must be an IOException, got " + cause, cause);
        } catch (Exception e) {
            throw new AssertionError("the future did not complete: " + e, e);
        }
    }

    private static HttpRequest get(URI uri) {
        return new HttpRequest("GET", uri, Headers.empty(), null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- methods, bodies, headers, URIs

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    protected void everyVerbArrivesWithItsBody(String method) throws IOException {
        boolean withBody = !method.equals("GET") && !method.equals("DELETE");
        byte[] body = withBody ? utf8("{\"verb\":\"" + method + "\"}") : new byte[0];
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(
                    transport,
                    mode,
                    new HttpRequest(method, server.uri("/echo"), Headers.of("Content-Type", "application/json"), body));
            assertEquals(200, response.statusCode());
            assertEquals(method, server.last().method());
            assertArrayEquals(body, server.last().body());
            assertArrayEquals(body, response.body());
            assertEquals(List.of(method), response.headers().all("x-method"));
        }
    }

    @Test
    protected void deleteMayCarryABody() throws IOException {
        byte[] body = utf8("{\"reason\":\"test\"}");
        HttpResponse response = transport.send(
                new HttpRequest("DELETE", server.uri("/echo"), Headers.of("Content-Type", "application/json"), body));
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, server.last().body());
    }

    /** Request bodies of every kind. */
    protected enum Body {
        EMPTY(new byte[0]),
        SMALL(utf8("{\"a\":1}")),
        CHINESE(utf8("{\"description\":\"微信支付 · 测试商品 😀\",\"attach\":\"中文\\n换行\"}")),
        ONE_MIB(random(1 << 20, 7));

        final byte[] bytes;

        Body(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    protected void bodiesArriveAndReturnByteForByte(Body body) throws IOException {
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(
                    transport,
                    mode,
                    new HttpRequest(
                            "POST",
                            server.uri("/echo"),
                            Headers.of("Content-Type", "application/json; charset=utf-8"),
                            body.bytes));
            assertArrayEquals(body.bytes, server.last().body(), "request body bytes");
            assertArrayEquals(body.bytes, response.body(), "response body bytes");
            List<String> length = server.last().header("Content-Length");
            if (body.bytes.length > 0) {
                assertEquals(List.of(String.valueOf(body.bytes.length)), length, "a known length is sent as such");
            }
            assertEquals(
                    List.of("application/json; charset=utf-8"),
                    server.last().header("Content-Type"),
                    "Content-Type is the caller's, not the library's");
        }
    }

    @Test
    protected void multiValuedAndMixedCaseHeadersBothWays() throws IOException {
        server.on(
                "/headers",
                (req, ex) -> ex.respond(
                        200,
                        new byte[0],
                        "X-Reply",
                        "one",
                        "x-reply",
                        "two",
                        "WeChatPay-Serial",
                        "PUB_KEY_ID_0114232134912410000000000000",
                        "request-id",
                        "08F1"));
        Headers headers = Headers.builder()
                .add("X-Multi", "a")
                .add("X-Multi", "b")
                .add("X-MiXeD-Case", "v")
                .add("Accept", "application/json")
                .build();
        for (Mode mode : Mode.values()) {
            HttpResponse response =
                    exchange(transport, mode, new HttpRequest("GET", server.uri("/headers"), headers, null));
            RawHttpServer.Received got = server.last();
            List<String> multi = new ArrayList<>();
            for (String v : got.header("x-multi")) {
                for (String part : v.split(",")) {
                    multi.add(part.strip());
                }
            }
            assertEquals(List.of("a", "b"), multi, "both values of a repeated header, in order");
            assertEquals(List.of("v"), got.header("x-mixed-case"));
            assertEquals(List.of("one", "two"), response.headers().all("X-REPLY"));
            assertEquals(
                    "PUB_KEY_ID_0114232134912410000000000000",
                    response.headers().first("wechatpay-serial").orElseThrow());
            assertEquals("08F1", response.requestId().orElseThrow());
        }
    }

    @Test
    protected void theExactQueryBytesArrive() throws IOException {
        String target = "/v3/query/a%2Fb/%E5%BE%AE%E4%BF%A1?space=a%20b&plus=a%2Bb&literal=a+b&slash=a/b%2Fc"
                + "&percent=100%25&zh=%E5%BE%AE%E4%BF%A1%E6%94%AF%E4%BB%98"
                + "&json=%7B%22k%22%3A%22v%20w%22%2C%22n%22%3A%5B1%2C2%5D%7D&empty=&flag";
        server.on("/v3/query/a%2Fb/%E5%BE%AE%E4%BF%A1", (req, ex) -> ex.respond(200, utf8(req.target())));
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(transport, mode, get(server.uri(target)));
            assertEquals(
                    200,
                    response.statusCode(),
                    "the path arrived re-encoded: " + server.last().target());
            assertEquals(target, server.last().target(), "request-target bytes on the wire");
        }
    }

    @Test
    protected void signedRequestsThroughTheClientVerifyOnTheServer() throws Exception {
        SigningPeer peer = new SigningPeer();
        server.on("/v3/merchant/orders/a%2Fb%20%E5%BE%AE", peer);
        try (WechatPay client = peer.client(transport, server.uri("").toString())) {
            ApiResponse response = client.chain("v3/merchant/orders/{id}")
                    .get(Options.path("id", "a/b 微")
                            .withQuery("json", "{\"k\":\"v w\",\"plus\":\"+\"}")
                            .withQuery("percent", "100%")
                            .withQuery("slash", "x/y"));
            assertEquals(200, response.statusCode());
            assertEquals("GET", peer.lastVerified.get());
            ApiResponse posted = client.chain("v3/merchant/orders/{id}")
                    .postAsync(Options.path("id", "a/b 微").withRawJson("{\"description\":\"微信支付 ✓\"}"))
                    .get(60, TimeUnit.SECONDS);
            assertEquals(200, posted.statusCode());
            assertEquals("POST", peer.lastVerified.get());
            ApiResponse deleted = client.chain("v3/merchant/orders/{id}").send("DELETE", Options.path("id", "a/b 微"));
            assertEquals(204, deleted.statusCode(), "a signed 204 verifies");
        }
        assertEquals(0, peer.verified.getCount(), "the server verified every request");
    }

    /**
     * APIv2's {@code secapi} operations need the merchant's client certificate: a transport made with a TLS context
     * holding one presents it to a server that requires it, and one without is refused in the handshake.
     */
    @Test
    protected void aClientCertificateReachesATlsServerThatRequiresOne() throws Exception {
        java.security.KeyPair serverKeys = io.github.wechatpay4j.Fixtures.rsa();
        java.security.cert.X509Certificate serverCert = io.github.wechatpay4j.Fixtures.serverCertificate(serverKeys);
        java.security.KeyPair clientKeys = io.github.wechatpay4j.Fixtures.rsa();
        java.security.cert.X509Certificate clientCert = io.github.wechatpay4j.Fixtures.certificate(
                clientKeys, java.math.BigInteger.TEN, java.time.Instant.now().minusSeconds(60), Duration.ofDays(1));
        TlsHttpServer tls = new TlsHttpServer(serverKeys, serverCert, clientCert);
        closeables.add(tls);
        HttpRequest get = new HttpRequest(
                "GET",
                java.net.URI.create("https://localhost:" + tls.port() + "/secapi/pay/refund"),
                Headers.empty(),
                new byte[0]);

        HttpTransport withCertificate = transport(TransportOptions.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withSslContext(TlsHttpServer.context(clientKeys, clientCert, serverCert)));
        for (Mode mode : Mode.values()) {
            HttpResponse answer = exchange(withCertificate, mode, get);
            assertEquals(200, answer.statusCode(), mode.name());
            assertEquals(
                    clientCert.getSubjectX500Principal().getName(),
                    new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8),
                    "the server saw the client certificate (" + mode + ")");
        }

        java.security.KeyPair otherKeys = io.github.wechatpay4j.Fixtures.rsa();
        HttpTransport without = transport(TransportOptions.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withSslContext(TlsHttpServer.context(
                        otherKeys,
                        io.github.wechatpay4j.Fixtures.certificate(
                                otherKeys,
                                java.math.BigInteger.TWO,
                                java.time.Instant.now().minusSeconds(60),
                                Duration.ofDays(1)),
                        serverCert)));
        org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> exchange(without, Mode.SYNC, get), "a certificate the server does not trust");
    }

    /**
     * Many TLS handshakes at once, asynchronous and blocking calls mixed (the server closes every connection, so each
     * call is a handshake of its own): all complete. The JDK transport runs its client's tasks inline, the handshakes'
     * delegated tasks included; no transport may stall or lose a call under such a burst.
     */
    @Test
    protected void manyConcurrentTlsHandshakesAllComplete() throws Exception {
        KeyPair serverKeys = Fixtures.rsa();
        java.security.cert.X509Certificate serverCert = Fixtures.serverCertificate(serverKeys);
        KeyPair clientKeys = Fixtures.rsa();
        java.security.cert.X509Certificate clientCert = Fixtures.certificate(
                clientKeys, java.math.BigInteger.TEN, Instant.now().minusSeconds(60), Duration.ofDays(1));
        TlsHttpServer tls = new TlsHttpServer(serverKeys, serverCert, clientCert);
        closeables.add(tls);
        HttpRequest get = get(URI.create("https://localhost:" + tls.port() + "/secapi/pay/refund"));
        HttpTransport t = transport(TransportOptions.defaults()
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))
                .withSslContext(TlsHttpServer.context(clientKeys, clientCert, serverCert)));
        List<CompletableFuture<HttpResponse>> async = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            async.add(t.sendAsync(get));
        }
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpResponse>> sync = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sync.add(callers.submit(() -> t.send(get)));
            }
            for (java.util.concurrent.Future<HttpResponse> call : sync) {
                assertEquals(200, call.get(90, TimeUnit.SECONDS).statusCode(), "a blocking call over TLS");
            }
        } finally {
            callers.shutdownNow();
        }
        for (CompletableFuture<HttpResponse> call : async) {
            assertEquals(200, call.get(90, TimeUnit.SECONDS).statusCode(), "an asynchronous call over TLS");
        }
    }

    @Test
    protected void noContent() throws IOException {
        server.on("/204", (req, ex) -> ex.respond(204, new byte[0], "Request-ID", "x"));
        for (Mode mode : List.of(Mode.SYNC, Mode.SYNC, Mode.ASYNC, Mode.ASYNC)) {
            HttpResponse response =
                    exchange(transport, mode, new HttpRequest("DELETE", server.uri("/204"), null, null));
            assertEquals(204, response.statusCode());
            assertEquals(0, response.body().length);
            assertEquals("x", response.requestId().orElseThrow());
            if (mode == Mode.SYNC) {
                // async clients may release a connection after completing the future: see connectionsAreKeptAlive
                assertEquals(1, server.connections(), "a 204 leaves the connection reusable");
            }
        }
    }

    @Test
    protected void errorStatusesAreResponsesNotExceptions() throws IOException {
        server.on("/500", (req, ex) -> ex.respond(500, utf8("<html>bad gateway</html>"), "Content-Type", "text/html"));
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(transport, mode, get(server.uri("/500")));
            assertEquals(500, response.statusCode());
            assertArrayEquals(utf8("<html>bad gateway</html>"), response.body());
        }
        assertEquals(404, transport.send(get(server.uri("/nowhere"))).statusCode());
    }

    @Test
    protected void redirectsAreReturnedNotFollowed() throws IOException {
        server.on("/moved", (req, ex) -> ex.respond(302, new byte[0], "Location", "/echo"));
        for (Mode mode : Mode.values()) {
            HttpResponse response =
                    exchange(transport, mode, new HttpRequest("POST", server.uri("/moved"), null, utf8("{}")));
            assertEquals(302, response.statusCode());
            assertEquals("/echo", response.headers().first("location").orElseThrow());
        }
        assertTrue(server.received().stream().noneMatch(r -> r.path().equals("/echo")), "the redirect was followed");
    }

    @Test
    protected void theBodyIsReturnedRawNeverDecompressed() throws IOException {
        byte[] json = utf8("{\"compressed\":\"no thanks\"}");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json);
        }
        server.on("/gzip", (req, ex) -> ex.respond(200, gz.toByteArray(), "Content-Encoding", "gzip"));
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(transport, mode, get(server.uri("/gzip")));
            assertArrayEquals(gz.toByteArray(), response.body(), "the signature covers the bytes as sent");
            assertEquals("gzip", response.headers().first("Content-Encoding").orElse(null));
            for (String accept : server.last().header("Accept-Encoding")) {
                assertFalse(
                        accept.contains("gzip") || accept.contains("deflate") || accept.contains("br"),
                        "the transport asked for compression the caller did not: " + accept);
            }
        }
    }

    @Test
    protected void headersTheLibraryOwnsAreNotTakenFromTheCaller() throws IOException {
        byte[] body = utf8("{\"n\":1}");
        HttpRequest request = new HttpRequest(
                "POST",
                server.uri("/echo"),
                Headers.of(
                        "Content-Length",
                        "999",
                        "Host",
                        "evil.example",
                        "Transfer-Encoding",
                        "chunked",
                        "Connection",
                        "Upgrade"),
                body);
        HttpResponse response = transport.send(request);
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, server.last().body());
        assertEquals(List.of("127.0.0.1:" + server.port()), server.last().header("Host"));
    }

    @Test
    protected void theRequestIsNeverMutated() throws IOException {
        byte[] body = utf8("{\"k\":\"v\"}");
        byte[] copy = body.clone();
        Headers headers = Headers.of(
                "Authorization",
                "WECHATPAY2-SHA256-RSA2048 mchid=\"1\"",
                "Accept",
                "application/json",
                "Content-Type",
                "application/json");
        HttpRequest request = new HttpRequest("POST", server.uri("/echo?a=b%20c"), headers, body);
        HttpRequest same = new HttpRequest("POST", server.uri("/echo?a=b%20c"), headers, body.clone());
        transport.send(request);
        exchange(transport, Mode.ASYNC, request);
        assertEquals(same, request);
        assertArrayEquals(copy, request.body());
        assertEquals(3, request.headers().names().size());
        assertEquals(2, server.received().size(), "one request object can be sent again");
    }

    // ---------------------------------------------------------------- large responses

    @Test
    protected void aLargeChunkedResponseArrivesIntact() throws Exception {
        byte[] big = random(8 << 20, 11);
        server.on("/big", (req, ex) -> {
            try (OutputStream out = ex.chunked(200, "Content-Type", "application/octet-stream")) {
                for (int off = 0; off < big.length; off += 65_536) {
                    out.write(big, off, Math.min(65_536, big.length - off));
                }
            }
        });
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(transport, mode, get(server.uri("/big")));
            assertEquals(big.length, response.body().length);
            assertArrayEquals(sha256(big), sha256(response.body()));
        }
    }

    @Test
    protected void aDownloadIsStreamedNotBuffered() throws Exception {
        int first = 1 << 20;
        byte[] big = random(32 << 20, 13);
        CountDownLatch firstPartRead = new CountDownLatch(1);
        AtomicBoolean serverWaited = new AtomicBoolean();
        server.on("/bill", (req, ex) -> {
            try (OutputStream out = ex.chunked(200, "Content-Type", "application/octet-stream")) {
                out.write(big, 0, first);
                out.flush();
                // the rest is sent only once the client has read the first part: a transport that buffers the whole
                // body before returning never gets there
                serverWaited.set(firstPartRead.await(60, TimeUnit.SECONDS));
                if (!serverWaited.get()) {
                    ex.reset();
                    return;
                }
                for (int off = first; off < big.length; off += 65_536) {
                    out.write(big, off, Math.min(65_536, big.length - off));
                }
            }
        });
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (StreamingHttpResponse response = transport.stream(get(server.uri("/bill")))) {
            assertEquals(200, response.statusCode());
            assertEquals(
                    "application/octet-stream",
                    response.headers().first("content-type").orElseThrow());
            InputStream in = response.body();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                total += n;
                if (total >= first) {
                    firstPartRead.countDown();
                }
            }
        }
        assertTrue(serverWaited.get(), "the transport held back the body until the server finished");
        assertEquals(big.length, total);
        assertArrayEquals(sha256(big), digest.digest());
    }

    @Test
    protected void closingADownloadEarlyDropsItInsteadOfReadingItToTheEnd() throws Exception {
        byte[] chunk = random(1 << 20, 17);
        CountDownLatch serverStopped = new CountDownLatch(1);
        server.on("/endless", (req, ex) -> {
            try (OutputStream out = ex.chunked(200)) {
                while (true) { // an endless body: only the client closing the connection ends it
                    out.write(chunk);
                }
            } finally {
                serverStopped.countDown();
            }
        });
        try (StreamingHttpResponse response = transport.stream(get(server.uri("/endless")))) {
            assertEquals(chunk[0], (byte) response.body().read());
            assertEquals(chunk[1], (byte) response.body().read());
        }
        assertTrue(serverStopped.await(60, TimeUnit.SECONDS), "the connection stayed open after close()");
        assertEquals(200, transport.send(get(server.uri("/echo"))).statusCode(), "the transport still works");
    }

    /** How a too-large answer declares its length. */
    protected enum Framing {
        CONTENT_LENGTH,
        CHUNKED_ENDLESS
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    protected void aResponseLargerThanTheLimitFailsWithoutBeingReadToTheEnd(Framing framing) throws Exception {
        int limit = 64 * 1024;
        HttpTransport limited = transport(TransportOptions.defaults().withMaxResponseBytes(limit));
        byte[] chunk = random(16 * 1024, 23);
        server.on("/exactly", (req, ex) -> ex.respond(200, random(limit, 5)));
        server.on("/huge", (req, ex) -> {
            if (framing == Framing.CONTENT_LENGTH) {
                ex.writeRaw(utf8("HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n"));
                ex.writeRaw(chunk); // far less than announced: the client must not wait for the rest
                ex.stall();
            } else {
                try (OutputStream out = ex.chunked(200)) {
                    while (true) { // only the client closing the connection ends it
                        out.write(chunk);
                    }
                }
            }
        });
        for (Mode mode : Mode.values()) {
            assertEquals(
                    limit,
                    exchange(limited, mode, get(server.uri("/exactly"))).body().length,
                    "a body of exactly the limit is read (" + mode + ")");
            Throwable e = assertThrows(Throwable.class, () -> exchange(limited, mode, get(server.uri("/huge"))));
            Throwable cause = e;
            while (cause != null && !(cause instanceof io.github.wechatpay4j.http.ResponseTooLargeException)) {
                cause = cause.getCause();
            }
            assertNotNull(cause, mode + ": expected ResponseTooLargeException in the cause chain, got " + e);
            assertEquals(limit, ((io.github.wechatpay4j.http.ResponseTooLargeException) cause).limit());
        }
        assertEquals(200, limited.send(get(server.uri("/echo"))).statusCode(), "the transport still works");
    }

    // ---------------------------------------------------------------- failures

    @ParameterizedTest
    @EnumSource(Mode.class)
    protected void connectTimeoutIsATimeoutWithItsCause(Mode mode) throws Exception {
        try (FullBacklog full = new FullBacklog()) {
            HttpTransport t = transport(TransportOptions.defaults().withTimeouts(SHORT, Duration.ofSeconds(30)));
            IOException e = assertThrows(IOException.class, () -> exchange(t, mode, get(full.uri("/v3/x"))));
            assertTimeout(e);
            assertReported(e, ConnectTimeoutException.class, "a timeout before the connection was made");
            TransportException te = viaClient(t, full.uri(""), mode);
            assertTrue(te.isTimeout(), te::getMessage);
            assertTrue(te.isConnectFailure(), () -> "a connect timeout is recognised as such: " + te.getCause());
            assertNotNull(te.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    protected void readTimeoutWhenNoAnswerComes(Mode mode) throws Exception {
        server.on("/silent", (req, ex) -> ex.stall());
        HttpTransport t = transport(TransportOptions.defaults().withTimeouts(Duration.ofSeconds(10), SHORT));
        IOException e = assertThrows(IOException.class, () -> exchange(t, mode, get(server.uri("/silent"))));
        assertTimeout(e);
        assertNotReported(e, ConnectTimeoutException.class, "the request was sent: not a connect timeout");
        TransportException te = viaClient(t, server.uri(""), mode, "/silent");
        assertTrue(te.isTimeout(), te::getMessage);
        assertFalse(te.isConnectFailure(), te::getMessage);
        assertInstanceOf(IOException.class, te.getCause());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    protected void readTimeoutWhenTheBodyStalls(Mode mode) {
        server.on("/stall", (req, ex) -> {
            ex.writeRaw(utf8("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":"));
            ex.stall();
        });
        HttpTransport t = transport(TransportOptions.defaults().withTimeouts(Duration.ofSeconds(10), SHORT));
        IOException e = assertThrows(IOException.class, () -> exchange(t, mode, get(server.uri("/stall"))));
        assertTimeout(e);
    }

    @Test
    protected void readTimeoutWhileStreaming() throws IOException {
        server.on("/stall", (req, ex) -> {
            ex.writeRaw(utf8("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
            ex.stall();
        });
        HttpTransport t = transport(TransportOptions.defaults().withTimeouts(Duration.ofSeconds(10), SHORT));
        try (StreamingHttpResponse response = t.stream(get(server.uri("/stall")))) {
            IOException e =
                    assertThrows(IOException.class, () -> response.body().readAllBytes());
            assertTimeout(e);
        } catch (IOException e) {
            assertTimeout(e); // a transport may already fail while opening the stream
        }
    }

    /** How the peer drops the connection. */
    protected enum Abort {
        RESET,
        CLOSE
    }

    @ParameterizedTest
    @EnumSource(Abort.class)
    protected void aConnectionDroppedAfterAWriteIsAFailureAndTheWriteIsNotRepeated(Abort abort) throws Exception {
        server.on("/v3/refund/domestic/refunds", (req, ex) -> {
            if (abort == Abort.RESET) {
                ex.reset();
            } else {
                ex.close();
            }
        });
        URI uri = server.uri("/v3/refund/domestic/refunds");
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (Mode mode : Mode.values()) {
                // a pooled connection first: libraries that replay requests do so when a reused connection fails
                assertEquals(
                        200, exchange(transport, mode, get(server.uri("/echo"))).statusCode());
                long before = server.received().stream()
                        .filter(r -> r.path().equals(uri.getPath()))
                        .count();
                assertThrows(
                        IOException.class,
                        () -> exchange(
                                transport,
                                mode,
                                new HttpRequest(
                                        method,
                                        uri,
                                        Headers.of("Content-Type", "application/json"),
                                        utf8("{\"out_refund_no\":\"R1\"}"))));
                long after = server.received().stream()
                        .filter(r -> r.path().equals(uri.getPath()))
                        .count();
                assertEquals(before + 1, after, "the transport sent the " + method + " again by itself (" + mode + ")");
            }
        }
        TransportException te = viaClient(transport, server.uri(""), Mode.SYNC, "/v3/refund/domestic/refunds");
        assertFalse(te.isTimeout(), te::getMessage);
        assertInstanceOf(IOException.class, te.getCause());
    }

    @Test
    protected void aRefusedConnectionIsAnIOException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/v3/x");
        for (Mode mode : Mode.values()) {
            IOException e = assertThrows(IOException.class, () -> exchange(transport, mode, get(closed)));
            assertReported(e, ConnectException.class, "a refused connection");
            // nothing was sent, so the client reports a connect failure, not an unknown outcome, even for a POST
            assertTrue(viaClient(transport, URI.create("http://127.0.0.1:" + port), mode)
                    .isConnectFailure());
        }
    }

    // ---------------------------------------------------------------- connections, proxy, concurrency

    @Test
    protected void aProxyIsUsed() throws IOException {
        server.on("/v3/proxied", (req, ex) -> ex.respond(200, utf8(req.target())));
        HttpTransport t = transport(TransportOptions.defaults().withProxy(ProxySelector.of(server.address())));
        String target = "http://api.wechatpay4j-proxy.invalid/v3/proxied?q=a%20b&zh=%E5%BE%AE";
        for (Mode mode : Mode.values()) {
            HttpResponse response = exchange(t, mode, get(URI.create(target)));
            assertEquals(200, response.statusCode());
            assertEquals(target, server.last().target(), "an HTTP proxy receives the absolute target");
            assertEquals(List.of("api.wechatpay4j-proxy.invalid"), server.last().header("Host"));
        }
    }

    @Test
    protected void connectionsAreKeptAlive() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    200,
                    transport
                            .send(new HttpRequest("POST", server.uri("/echo"), null, utf8("{\"i\":" + i + "}")))
                            .statusCode());
        }
        assertEquals(1, server.connections(), "5 sequential blocking requests on one kept-alive connection");
        int async = 6;
        for (int i = 0; i < async; i++) {
            assertEquals(
                    200,
                    exchange(transport, Mode.ASYNC, get(server.uri("/echo"))).statusCode());
        }
        // an async client may hand back a connection a moment after the response completes, so the next request can
        // race it to the pool; some reuse must still show
        assertTrue(
                server.connections() - 1 < async,
                async + " sequential async requests opened " + (server.connections() - 1)
                        + " connections: no keep-alive");
    }

    @Test
    protected void concurrentAsyncRequestsAllComplete() throws Exception {
        int n = 256;
        server.on("/id", (req, ex) -> ex.respond(200, req.body()));
        HttpTransport t = transport(TransportOptions.defaults().withMaxConnections(32));
        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(t.sendAsync(new HttpRequest("POST", server.uri("/id"), null, utf8("request-" + i))));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(90, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            assertEquals("request-" + i, new String(futures.get(i).get().body(), StandardCharsets.UTF_8));
        }
        assertEquals(n, server.received().size());
        assertTrue(server.connections() <= n, "connections: " + server.connections());
    }

    @Test
    protected void cancellingAFutureAbortsTheExchange() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        server.on("/hang", (req, ex) -> {
            arrived.countDown();
            if (ex.awaitClientGone(60, TimeUnit.SECONDS)) {
                clientGone.countDown();
            }
        });
        CompletableFuture<HttpResponse> future = transport.sendAsync(get(server.uri("/hang")));
        assertTrue(arrived.await(60, TimeUnit.SECONDS), "the request never arrived");
        assertTrue(future.cancel(true));
        assertTrue(future.isCancelled());
        assertThrows(CancellationException.class, future::join);
        assertTrue(clientGone.await(60, TimeUnit.SECONDS), "cancelling did not close the connection");
        assertEquals(200, transport.send(get(server.uri("/echo"))).statusCode(), "the transport still works");
    }

    @Test
    protected void asyncCallsDoNotBlockTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/later", (req, ex) -> {
            release.await(60, TimeUnit.SECONDS);
            ex.respond(200, utf8("done"));
        });
        CompletableFuture<HttpResponse> future = transport.sendAsync(get(server.uri("/later")));
        assertFalse(future.isDone(), "sendAsync returned only after the server answered");
        release.countDown();
        assertArrayEquals(utf8("done"), future.get(60, TimeUnit.SECONDS).body());
    }

    // ---------------------------------------------------------------- life cycle and discovery

    @Test
    protected void afterCloseCallsFailAsIOExceptions() {
        HttpTransport t = transport(TransportOptions.defaults());
        t.close();
        t.close(); // idempotent
        assertThrows(IOException.class, () -> t.send(get(server.uri("/echo"))));
        CompletableFuture<HttpResponse> f = t.sendAsync(get(server.uri("/echo")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    protected void warmingUpConnectsNowhereAndLeavesTheTransportWorking() throws Exception {
        HttpTransport t = transport(TransportOptions.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> warming = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                warming.add(threads.submit(t::warmUp)); // at once from several threads: idempotent and thread-safe
            }
            for (Future<?> w : warming) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        t.warmUp();
        assertEquals(0, server.connections(), "warming up opened a connection");
        assertEquals(0, server.received().size(), "warming up sent a request");
        for (Mode mode : Mode.values()) {
            assertEquals(200, exchange(t, mode, get(server.uri("/echo"))).statusCode());
        }
    }

    @Test
    protected void warmingUpAClosedTransportDoesNotReopenIt() throws Exception {
        HttpTransport closedFirst = transport(TransportOptions.defaults());
        closedFirst.close();
        closedFirst.warmUp();
        assertThrows(IOException.class, () -> closedFirst.send(get(server.uri("/echo"))));
        for (int i = 0; i < 10; i++) { // closed while it warms up, on another thread
            HttpTransport t = transport(TransportOptions.defaults());
            CompletableFuture<Void> warming = CompletableFuture.runAsync(t::warmUp);
            t.close();
            warming.get(60, TimeUnit.SECONDS);
            assertThrows(IOException.class, () -> t.send(get(server.uri("/echo"))), "a call after close");
        }
        assertEquals(0, server.received().size());
    }

    @Test
    protected void itsProviderIsDiscoverableAndCreatesTheSameTransport() {
        HttpTransport mine = transport;
        HttpTransportProvider provider = ServiceLoader.load(HttpTransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> {
                    HttpTransport t = p.create(TransportOptions.defaults());
                    created.add(t);
                    return t.getClass() == mine.getClass();
                })
                .findFirst()
                .orElse(null);
        assertNotNull(
                provider,
                "no HttpTransportProvider on the class path creates a "
                        + mine.getClass().getName()
                        + ": list it in META-INF/services/io.github.wechatpay4j.http.HttpTransportProvider");
        assertFalse(provider.name().isBlank());
        assertEquals(
                provider.name(),
                provider.name().strip().toLowerCase(java.util.Locale.ROOT),
                "provider names are short lower-case words");
    }

    // ---------------------------------------------------------------- helpers

    /** A timeout, reported as the port says: a {@link SocketTimeoutException} (whatever the library threw). */
    private static void assertTimeout(Throwable e) {
        assertReported(e, SocketTimeoutException.class, "a timeout");
    }

    private static void assertReported(Throwable e, Class<? extends Throwable> type, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return;
            }
        }
        fail(what + " must be reported as " + type.getName() + " (HttpTransport's failure contract), got " + e, e);
    }

    private static void assertNotReported(Throwable e, Class<? extends Throwable> type, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(type.isInstance(t), () -> what + ", got " + e);
        }
    }

    private TransportException viaClient(HttpTransport t, URI base, Mode mode) {
        return viaClient(t, base, mode, "/v3/x");
    }

    /**
     * Calls {@code path} through a real client on transport {@code t} and returns the TransportException it gives:
     * thrown itself when the connection was never made, otherwise the cause of the OutcomeUnknownException a POST
     * ends in (a POST that is not idempotent is sent once).
     */
    private TransportException viaClient(HttpTransport t, URI base, Mode mode, String path) {
        SigningPeer peer = new SigningPeer();
        try (WechatPay client = peer.client(t, base.toString())) {
            Throwable thrown;
            if (mode == Mode.SYNC) {
                thrown = assertThrows(
                        io.github.wechatpay4j.WechatPayException.class,
                        () -> client.chain(path.substring(1)).post(Options.rawJson("{}")));
            } else {
                CompletableFuture<ApiResponse> f =
                        client.chain(path.substring(1)).postAsync(Options.rawJson("{}"));
                thrown = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS))
                        .getCause();
            }
            if (thrown instanceof io.github.wechatpay4j.OutcomeUnknownException unknown) {
                assertEquals(1, unknown.attempts(), "a POST that is not idempotent is not retried");
                assertEquals("POST", unknown.method());
                TransportException cause = assertInstanceOf(TransportException.class, unknown.getCause());
                assertFalse(cause.isConnectFailure(), "a connect failure is not an unknown outcome");
                return cause;
            }
            TransportException te = assertInstanceOf(TransportException.class, thrown);
            assertTrue(
                    te.isConnectFailure(),
                    "a POST that may have been sent must end in OutcomeUnknownException, got " + te);
            return te;
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server socket whose accept queue is full, so that a new connection attempt hangs until it times out. */
    static final class FullBacklog implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();

        FullBacklog() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 64; i++) {
                Socket s = new Socket();
                try {
                    s.connect(socket.getLocalSocketAddress(), 200);
                    held.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    return;
                }
            }
            throw new IllegalStateException("could not fill the accept queue on this system");
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        @Override
        public void close() throws IOException {
            for (Socket s : held) {
                s.close();
            }
            socket.close();
        }
    }

    /**
     * The WeChat Pay side of a signed exchange, written independently of the client: verifies the request signature
     * over the request-target and body exactly as received, and signs its answer with a platform key.
     */
    static final class SigningPeer implements RawHttpServer.Handler {
        static final String MCHID = "1900000001";
        static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
        static final String PLATFORM_ID = "PUB_KEY_ID_0119000000012024000000000000";
        private static final KeyPair MERCHANT = Fixtures.rsa();
        private static final KeyPair PLATFORM = Fixtures.rsa();
        final AtomicReference<String> lastVerified = new AtomicReference<>();
        final CountDownLatch verified = new CountDownLatch(3);

        WechatPay client(HttpTransport t, String base) {
            return WechatPay.builder()
                    .merchantId(MCHID)
                    .merchantSerialNumber(MERCHANT_SERIAL)
                    .privateKey(MERCHANT.getPrivate())
                    .wechatpayPublicKey(PLATFORM_ID, PLATFORM.getPublic())
                    .transport(t)
                    .jsonCodec(new UnusedJson())
                    .baseUrl(base)
                    .build();
        }

        @Override
        public void handle(RawHttpServer.Received req, RawHttpServer.Exchange ex) throws Exception {
            String auth = req.header("Authorization").stream().findFirst().orElse("");
            Map<String, String> p = new java.util.HashMap<>();
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(auth);
            while (m.find()) {
                p.put(m.group(1), m.group(2));
            }
            String message = req.method() + "\n" + req.target() + "\n" + p.get("timestamp") + "\n" + p.get("nonce_str")
                    + "\n" + new String(req.body(), StandardCharsets.UTF_8) + "\n";
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(MERCHANT.getPublic());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            boolean ok = auth.startsWith("WECHATPAY2-SHA256-RSA2048 ")
                    && MCHID.equals(p.get("mchid"))
                    && MERCHANT_SERIAL.equals(p.get("serial_no"))
                    && verifier.verify(Base64.getDecoder().decode(p.getOrDefault("signature", "")));
            if (!ok) {
                ex.respond(
                        401,
                        utf8("{\"code\":\"SIGN_ERROR\",\"message\":\"bad signature over " + req.target() + "\"}"),
                        "Content-Type",
                        "application/json");
                return;
            }
            lastVerified.set(req.method());
            verified.countDown();
            int status = req.method().equals("DELETE") ? 204 : 200;
            byte[] body = status == 204 ? new byte[0] : utf8("{\"ok\":true}");
            String ts = String.valueOf(Instant.now().getEpochSecond());
            String nonce = "abcdefghijklmnopqrstuvwxyz012345";
            String signature = Fixtures.sign(
                    PLATFORM.getPrivate(),
                    utf8(ts + "\n" + nonce + "\n" + new String(body, StandardCharsets.UTF_8) + "\n"));
            ex.respond(
                    status,
                    body,
                    "Content-Type",
                    "application/json",
                    "Request-ID",
                    "contract-" + req.method(),
                    "Wechatpay-Timestamp",
                    ts,
                    "Wechatpay-Nonce",
                    nonce,
                    "Wechatpay-Signature",
                    signature,
                    "Wechatpay-Serial",
                    PLATFORM_ID);
        }
    }

    /** The transport contract sends raw JSON only; a codec is required to build a client but never used. */
    static final class UnusedJson implements JsonCodec {
        @Override
        public byte[] write(Object value) {
            throw new JsonCodecException("the transport contract does not encode JSON", null);
        }

        @Override
        public <T> T read(byte[] json, Type type) {
            throw new JsonCodecException("the transport contract does not decode JSON", null);
        }
    }
}
