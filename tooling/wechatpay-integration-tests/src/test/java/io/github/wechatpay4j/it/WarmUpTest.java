package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client warms its HTTP transport and JSON codec ({@code warmUp()}) once, on its work executor, right after it is
 * built, so that the first call does not create them; {@code warmUp(false)} turns that off, shared resources warm
 * theirs once for all their clients, and a warm-up that fails or cannot be scheduled changes nothing else. The real
 * transports and codec are used, only noting where and how often they were warmed. Nothing here is timed.
 */
@WithFakeWechatPay
class WarmUpTest {
    private static final String PATH = "/v3/pay/transactions/out-trade-no/T1";

    private final FakeWechatPay fake;

    WarmUpTest(FakeWechatPay fake) {
        this.fake = fake;
        fake.on("GET", PATH, FakeResponse.ok("{\"out_trade_no\":\"T1\",\"trade_state\":\"SUCCESS\"}"));
    }

    private Object query(WechatPay client) {
        return client.chain("v3/pay/transactions/out-trade-no/{no}")
                .get(Options.path("no", "T1").withQuery("mchid", fake.keys().mchid()))
                .asMap()
                .get("trade_state");
    }

    /** Where {@code warmUp()} ran, once per warm-up; {@link #done} counts down at each. */
    private static final class Warmed {
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        final CountDownLatch done;

        Warmed(int expected) {
            this.done = new CountDownLatch(expected);
        }

        void note() {
            threads.add(Thread.currentThread().getName());
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(60, TimeUnit.SECONDS), "not warmed; warmed on " + threads);
        }
    }

    /** {@code real}, its warm-ups noted (and passed on); {@code fail} makes them throw instead. */
    private static HttpTransport noting(HttpTransport real, Warmed warmed, boolean fail) {
        return new HttpTransport() {
            @Override
            public HttpResponse send(HttpRequest request) throws IOException {
                return real.send(request);
            }

            @Override
            public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                return real.sendAsync(request);
            }

            @Override
            public void warmUp() {
                warmed.note();
                if (fail) {
                    throw new IllegalStateException("warming failed on purpose");
                }
                real.warmUp();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    /** {@code real}, its warm-ups noted (and passed on). */
    private static JsonCodec noting(JsonCodec real, Warmed warmed) {
        return new JsonCodec() {
            @Override
            public byte[] write(Object value) {
                return real.write(value);
            }

            @Override
            public <T> T read(byte[] json, Type type) {
                return real.read(json, type);
            }

            @Override
            public void warmUp() {
                warmed.note();
                real.warmUp();
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void theTransportAndTheCodecAreWarmedOnceOnTheWorkPoolRightAfterBuild(String name) throws Exception {
        Warmed transport = new Warmed(1);
        Warmed codec = new Warmed(1);
        HttpTransport real = Transports.create(name, TransportOptions.defaults());
        try (WechatPay client = fake.clientBuilder()
                .transport(noting(real, transport, false))
                .jsonCodec(noting(new JacksonJsonCodec(), codec))
                .build()) {
            transport.await();
            codec.await();
            String pool = "wechatpay4j-work-" + fake.keys().mchid() + "-";
            assertTrue(transport.threads.peek().startsWith(pool), "warmed on " + transport.threads);
            assertEquals(List.copyOf(transport.threads), List.copyOf(codec.threads), "one task warms both");
            assertEquals("SUCCESS", query(client));
            assertEquals(1, transport.threads.size(), "warmed once: " + transport.threads);
            assertEquals(1, codec.threads.size(), "warmed once: " + codec.threads);
        } finally {
            real.close(); // a transport given to the client stays its owner's
        }
    }

    @Test
    void warmUpFalseSchedulesNothing() {
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            task.run();
        };
        try (WechatPay client =
                fake.clientBuilder().warmUp(false).workExecutor(counting).build()) {
            assertEquals("SUCCESS", query(client));
        }
        assertEquals(0, tasks.get(), "a blocking call needs no work task, and nothing was warmed");
        try (WechatPay client = fake.clientBuilder().workExecutor(counting).build()) {
            assertEquals(1, tasks.get(), "the warm-up, one task");
            assertEquals("SUCCESS", query(client));
        }
    }

    @Test
    void sharedResourcesWarmTheirTransportAndCodecOnceForAllTheirClients() throws Exception {
        Warmed transport = new Warmed(1);
        Warmed codec = new Warmed(1);
        HttpTransport real = Transports.create("jdk", TransportOptions.defaults());
        try (ClientResources shared = ClientResources.builder()
                .transport(noting(real, transport, false))
                .jsonCodec(noting(new JacksonJsonCodec(), codec))
                .build()) {
            transport.await();
            codec.await();
            assertTrue(transport.threads.peek().startsWith("wechatpay4j-work-shared-"), transport.threads.toString());
            for (int i = 0; i < 3; i++) {
                try (WechatPay client = fake.clientBuilder().resources(shared).build()) {
                    assertEquals("SUCCESS", query(client));
                }
            }
            assertEquals(1, transport.threads.size(), "warmed once for three clients: " + transport.threads);
            assertEquals(1, codec.threads.size(), "warmed once for three clients: " + codec.threads);
        } finally {
            real.close();
        }
    }

    @Test
    void aWarmUpThatFailsOrIsRefusedChangesNothingElse() throws Exception {
        Warmed transport = new Warmed(1);
        HttpTransport real = Transports.create("jdk", TransportOptions.defaults());
        try (WechatPay client =
                fake.clientBuilder().transport(noting(real, transport, true)).build()) {
            transport.await();
            assertEquals("SUCCESS", query(client), "the first call creates what the warm-up did not");
        } finally {
            real.close();
        }
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        try (WechatPay client = fake.clientBuilder().workExecutor(refusing).build()) {
            assertEquals("SUCCESS", query(client), "built and calling although the warm-up could not be scheduled");
        }
    }
}
