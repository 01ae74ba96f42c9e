package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.contract.RawHttpServer;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the JDK adapter has; everything shared is in {@link JdkHttpTransportContractTest}. */
class JdkHttpTransportTest {

    @Test
    void aUserSuppliedClientIsUsedAndLeftOpen() throws Exception {
        try (RawHttpServer server = new RawHttpServer()) {
            server.on("/echo", (req, ex) -> ex.respond(201, req.body()));
            HttpClient mine =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            JdkHttpTransport custom = new JdkHttpTransport(mine, Duration.ofSeconds(5));
            assertEquals(
                    201,
                    custom.send(new HttpRequest(
                                    "POST", server.uri("/echo"), null, "x".getBytes(StandardCharsets.UTF_8)))
                            .statusCode());
            custom.close();
            JdkHttpTransport again = new JdkHttpTransport(mine, null);
            assertEquals(
                    201,
                    again.send(new HttpRequest("GET", server.uri("/echo"), null, null))
                            .statusCode(),
                    "closing the transport left the user's client usable");
        }
    }

    @Test
    void badArgumentsAreConfigurationErrors() {
        assertThrows(ConfigurationException.class, () -> new JdkHttpTransport(null, Duration.ofSeconds(1)));
        assertThrows(
                ConfigurationException.class, () -> new JdkHttpTransport(HttpClient.newHttpClient(), Duration.ZERO));
        assertThrows(ConfigurationException.class, () -> new JdkHttpTransport(null));
    }

    @Test
    void providerIsDiscoverableAndLastInPriority() {
        JdkHttpTransportProvider p = ServiceLoader.load(HttpTransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(JdkHttpTransportProvider.class::isInstance)
                .map(JdkHttpTransportProvider.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals("jdk", p.name());
        assertEquals(-100, p.priority());
    }

    /** Answers 200 with no body once {@code hold} is open (at most 10 s). */
    private static RawHttpServer.Handler heldUntil(CountDownLatch hold) {
        return (req, ex) -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.respond(200, new byte[0]);
        };
    }

    private static HttpRequest get(RawHttpServer server, String path) {
        return new HttpRequest("GET", server.uri(path), null, null);
    }

    private static TransportOptions maxConnections(int n) {
        return new TransportOptions(null, Duration.ofSeconds(10), null, null, null, null, n, 0);
    }

    @Test
    void asynchronousExchangesPerHostAreLimitedToMaxConnections() throws Exception {
        int max = 3;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch firstFull = new CountDownLatch(max);
        try (RawHttpServer server = new RawHttpServer()) {
            server.on("/q", (req, ex) -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                firstFull.countDown();
                try {
                    // the first three wait for each other: the limit is reached, not merely respected by luck
                    if (!firstFull.await(10, TimeUnit.SECONDS)) {
                        throw new IOException("fewer than " + max + " exchanges were ever in flight together");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                ex.respond(200, "{}".getBytes(StandardCharsets.UTF_8));
            });
            JdkHttpTransport transport = new JdkHttpTransport(maxConnections(max));
            List<CompletableFuture<HttpResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(transport.sendAsync(get(server, "/q")));
            }
            for (CompletableFuture<HttpResponse> call : calls) {
                assertEquals(200, call.get(20, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(max, most.get(), "exactly " + max + " exchanges in flight at the most");
            assertTrue(server.connections() <= max, "connections opened: " + server.connections());
            transport.close();
        }
    }

    @Test
    void aCallCancelledWhileItWaitsForAPlaceIsNeverSent() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer()) {
            server.on("/first", heldUntil(hold));
            server.on("/second", heldUntil(new CountDownLatch(0)));
            server.on("/third", heldUntil(new CountDownLatch(0)));
            JdkHttpTransport transport = new JdkHttpTransport(maxConnections(1));
            CompletableFuture<HttpResponse> first = transport.sendAsync(get(server, "/first"));
            CompletableFuture<HttpResponse> second = transport.sendAsync(get(server, "/second"));
            assertTrue(second.cancel(true));
            CompletableFuture<HttpResponse> third = transport.sendAsync(get(server, "/third"));
            hold.countDown();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, third.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(
                    List.of("/first", "/third"),
                    server.received().stream().map(RawHttpServer.Received::path).toList());
            transport.close();
        }
    }

    @Test
    void callsWaitingWhenTheTransportClosesFailWithoutBeingSent() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (RawHttpServer server = new RawHttpServer()) {
            server.on("/first", heldUntil(hold));
            server.on("/waiting", heldUntil(new CountDownLatch(0)));
            JdkHttpTransport transport = new JdkHttpTransport(maxConnections(1));
            CompletableFuture<HttpResponse> first = transport.sendAsync(get(server, "/first"));
            CompletableFuture<HttpResponse> waiting = transport.sendAsync(get(server, "/waiting"));
            // on Java 21 and later closing waits for the exchanges in flight, so it runs beside the held one
            Thread closing = new Thread(transport::close, "closing");
            closing.start();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // a hang guard, not a timing check
            while (!transport.toString().contains("closed") && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            hold.countDown();
            closing.join(10_000);
            first.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, failed.getCause());
            assertTrue(server.received().stream().noneMatch(r -> r.path().equals("/waiting")));
        }
    }
}
