package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransportProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where asynchronous calls do their CPU work (on the work executor, never on the caller's thread nor on a
 * transport's I/O threads), that cancelling still reaches the exchange, and what {@link ClientResources} shares
 * between merchants' clients: one transport, one codec, one set of threads, closed once. Nothing here is timed.
 */
@WithFakeWechatPay
class AsyncWorkTest {
    private static final String PATH = "/v3/pay/transactions/out-trade-no/T1";
    private static final String ANSWER =
            "{\"out_trade_no\":\"T1\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":1}}";

    private final FakeWechatPay fake;

    AsyncWorkTest(FakeWechatPay fake) {
        this.fake = fake;
        fake.on("GET", PATH, FakeResponse.ok(ANSWER));
    }

    private Options query() {
        return Options.path("no", "T1").withQuery("mchid", fake.keys().mchid());
    }

    private CompletableFuture<ApiResponse> callAsync(WechatPay client) {
        return client.chain("v3/pay/transactions/out-trade-no/{no}").getAsync(query());
    }

    /** The threads each step ran on, by step. */
    private static final class Threads {
        final ConcurrentLinkedQueue<String> signing = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> verifying = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> json = new ConcurrentLinkedQueue<>();

        Set<String> all() {
            Set<String> names = new java.util.TreeSet<>(signing);
            names.addAll(verifying);
            names.addAll(json);
            return names;
        }
    }

    /** A client whose signer, verifier and JSON codec note the thread they run on. */
    private WechatPay.Builder recording(Threads threads) {
        Signer rsa = new RsaSigner(fake.keys().merchantKeys().getPrivate());
        Verifier keys = PlatformKeys.builder()
                .publicKey(fake.keys().publicKeyId(), fake.keys().platformKeys().getPublic())
                .build();
        JsonCodec jackson = new JacksonJsonCodec();
        return fake.merchantBuilder()
                .signer(new Signer() {
                    @Override
                    public String algorithm() {
                        return rsa.algorithm();
                    }

                    @Override
                    public String sign(byte[] message) {
                        threads.signing.add(Thread.currentThread().getName());
                        return rsa.sign(message);
                    }
                })
                .verifier(new Verifier() {
                    @Override
                    public void verify(String serial, byte[] message, String signature) {
                        threads.verifying.add(Thread.currentThread().getName());
                        keys.verify(serial, message, signature);
                    }

                    @Override
                    public Set<String> serialNumbers() {
                        return keys.serialNumbers();
                    }

                    @Override
                    public List<io.github.wechatpay4j.crypto.PlatformKey> keys() {
                        return keys.keys();
                    }
                })
                .jsonCodec(new JsonCodec() {
                    @Override
                    public byte[] write(Object value) {
                        threads.json.add(Thread.currentThread().getName());
                        return jackson.write(value);
                    }

                    @Override
                    public <T> T read(byte[] json, Type type) {
                        threads.json.add(Thread.currentThread().getName());
                        return jackson.read(json, type);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void anAsyncCallIsSignedVerifiedAndReadOnTheClientsWorkThreads(String transport) {
        Threads threads = new Threads();
        try (WechatPay client = recording(threads)
                .transport(Transports.create(transport, TransportOptions.defaults()))
                .build()) {
            String caller = Thread.currentThread().getName();
            List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(callAsync(client));
            }
            calls.forEach(c -> assertTrue(c.join().bodyAsString().contains("SUCCESS")));
            assertEquals(8, threads.signing.size(), "one signature per call");
            assertEquals(8, threads.verifying.size(), "one verification per answer");
            assertFalse(threads.all().contains(caller), "work on the caller's thread: " + threads.all());
            assertTrue(
                    threads.all().stream()
                            .allMatch(n -> n.startsWith(
                                    "wechatpay4j-work-" + fake.keys().mchid())),
                    "every step on the client's work pool, none on the transport's threads: " + threads.all());
        }
    }

    @Test
    void theWorkExecutorCanBeYours() {
        Threads threads = new Threads();
        AtomicInteger made = new AtomicInteger();
        ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "mine-" + made.incrementAndGet()));
        try (WechatPay client = recording(threads).workExecutor(mine).build()) {
            assertTrue(callAsync(client).join().bodyAsString().contains("SUCCESS"));
            assertTrue(
                    threads.all().stream().allMatch(n -> n.startsWith("mine-")),
                    threads.all().toString());
        } finally {
            assertFalse(mine.isShutdown(), "an executor given to the builder stays its owner's");
            mine.shutdown();
        }
    }

    @Test
    void aBlockingCallStaysOnTheCallersThread() {
        Threads threads = new Threads();
        try (WechatPay client = recording(threads).build()) {
            client.chain("v3/pay/transactions/out-trade-no/{no}").get(query());
            assertEquals(Set.of(Thread.currentThread().getName()), threads.all());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void cancellingAnAsyncCallReachesTheExchangeInFlight(String transport) throws Exception {
        fake.slowReply(Duration.ofSeconds(5)).fault(FakeWechatPay.Fault.SLOW_REPLY, 1);
        HttpTransport real = Transports.create(transport, TransportOptions.defaults());
        ConcurrentLinkedQueue<CompletableFuture<HttpResponse>> exchanges = new ConcurrentLinkedQueue<>();
        HttpTransport watched = new HttpTransport() { // the real transport, its futures noted
                    @Override
                    public HttpResponse send(HttpRequest request) throws IOException {
                        return real.send(request);
                    }

                    @Override
                    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                        CompletableFuture<HttpResponse> exchange = real.sendAsync(request);
                        exchanges.add(exchange);
                        return exchange;
                    }
                };
        try (real;
                WechatPay client = fake.clientBuilder().transport(watched).build()) {
            int before = fake.requests().size();
            CompletableFuture<ApiResponse> call = callAsync(client);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fake.requests().size() == before && System.nanoTime() < deadline) {
                Thread.sleep(5); // until the request has reached the fake (not a timing assertion)
            }
            assertTrue(fake.requests().size() > before, "the request never reached the fake");
            assertTrue(call.cancel(true));
            assertThrows(CancellationException.class, call::join);
            assertEquals(1, exchanges.size());
            assertTrue(exchanges.peek().isCancelled(), "the transport's exchange was cancelled with the call");
            // the transport is still usable after the exchange was given up
            assertEquals(
                    200,
                    client.chain("v3/pay/transactions/out-trade-no/{no}")
                            .get(query())
                            .statusCode());
        }
    }

    @Test
    void clientsOnSharedResourcesShareOneTransportAndLeaveItOpen() {
        try (ClientResources shared = ClientResources.builder()
                .transportProvider(new JdkHttpTransportProvider())
                .transportOptions(TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), null))
                .jsonCodec(new JacksonJsonCodec())
                .build()) {
            WechatPay a = fake.clientBuilder().resources(shared).build();
            WechatPay b = fake.clientBuilder().resources(shared).build();
            assertEquals("SUCCESS", callAsync(a).join().asMap().get("trade_state"));
            a.close();
            assertFalse(shared.isClosed());
            assertEquals("SUCCESS", callAsync(b).join().asMap().get("trade_state"), "b still calls after a closed");
            assertTrue(b.toString().contains("transport=jdk"), b.toString());
            shared.close();
            shared.close(); // once is enough; twice does nothing
            CompletionException after =
                    assertThrows(CompletionException.class, () -> callAsync(b).join());
            TransportException refused = assertInstanceOf(TransportException.class, after.getCause());
            assertTrue(refused.getMessage().contains("ClientResources"), refused.getMessage());
            assertThrows(
                    TransportException.class,
                    () -> b.chain("v3/pay/transactions/out-trade-no/{no}").get(query()));
            ConfigurationException closed = assertThrows(
                    ConfigurationException.class,
                    () -> fake.clientBuilder().resources(shared).build());
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            b.close();
        }
    }

    @Test
    void whatTheResourcesDecideCannotBeSetTwice() {
        try (ClientResources shared = ClientResources.create()) {
            ConfigurationException timeouts = assertThrows(
                    ConfigurationException.class,
                    () -> fake.clientBuilder()
                            .resources(shared)
                            .readTimeout(Duration.ofSeconds(3))
                            .build());
            assertTrue(timeouts.getMessage().contains("ClientResources.builder()"), timeouts.getMessage());
            assertThrows(
                    ConfigurationException.class,
                    () -> fake.clientBuilder()
                            .resources(shared)
                            .jsonCodec(new JacksonJsonCodec())
                            .build());
        }
    }

    /**
     * Many merchants, one set of threads: 200 clients on one {@link ClientResources}, each having made a blocking
     * and an asynchronous call, add no more than a handful of threads (the shared transport's and the work pool's).
     */
    @Test
    void twoHundredMerchantsOnSharedResourcesHoldAFewThreads() {
        try (ClientResources shared = ClientResources.builder()
                .transportProvider(new JdkHttpTransportProvider())
                .build()) {
            int before = Thread.activeCount();
            List<WechatPay> clients = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                WechatPay client = fake.clientBuilder().resources(shared).build();
                clients.add(client);
                client.chain("v3/pay/transactions/out-trade-no/{no}").get(query());
                callAsync(client).join();
            }
            int added = Thread.activeCount() - before;
            assertTrue(added <= 2 * Runtime.getRuntime().availableProcessors() + 8, "threads added: " + added);
            clients.forEach(WechatPay::close);
        }
    }
}
