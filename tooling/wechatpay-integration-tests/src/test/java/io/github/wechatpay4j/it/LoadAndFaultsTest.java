package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load, rotation and random faults against the fake, through real transports. Sizes come from system properties so
 * that the release run ({@code -Pstress}, see the README) can make them larger:
 * {@code wechatpay.load.callsPerThread} (default 1,000 calls on each of 64 threads, per transport) and
 * {@code wechatpay.chaos.calls} (default 1,000; 10,000 under {@code -Pstress}).
 *
 * <p>Nothing here asserts a duration: a hang is caught by a generous bound on each call's future, and durations are
 * only printed for the record.
 */
@WithFakeWechatPay
class LoadAndFaultsTest {
    private static final int THREADS = 64;
    // 16,000 signed calls per transport in every build; -Pstress makes it 64,000 (about four minutes on 2 cores)
    private static final int CALLS_PER_THREAD = Integer.getInteger("wechatpay.load.callsPerThread", 250);
    private static final int CHAOS_CALLS = Integer.getInteger("wechatpay.chaos.calls", 1000);
    /** Threads that are process-wide and outlive any one client by design (they idle out on their own). */
    private static final List<String> SHARED_THREADS = List.of(
            "ForkJoinPool.commonPool",
            "OkHttp TaskRunner",
            "Common-Cleaner",
            "Attach Listener",
            "process reaper",
            "surefire",
            "junit",
            "CompletableFutureDelayScheduler",
            "Okio Watchdog");

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    // ---------------------------------------------------------------- 64 threads × 250 signed calls (1,000 with
    // -Pstress)

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void sixtyFourThreadsOfSignedCallsWithoutAnErrorOrALeak(String name, FakeWechatPay fake) throws Exception {
        fake.reuseSignatures(true);
        Set<Long> threadsBefore = liveThreads().keySet();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        int done = signedCalls(name, fake, failures);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf(
                Locale.ROOT,
                "[load] %s: %d calls on %d threads in %d ms (%.0f calls/s), %d failures%n",
                name,
                done,
                THREADS,
                millis,
                done * 1000.0 / Math.max(1, millis),
                failures.size());
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        assertEquals(THREADS * CALLS_PER_THREAD, done);
        assertNoLeaks(name, threadsBefore, fake.port());
    }

    /** Runs the load on a client of its own and closes it; nothing of it stays reachable after return. */
    private static int signedCalls(String name, FakeWechatPay fake, ConcurrentLinkedQueue<String> failures)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (HttpTransport http =
                        Transports.create(name, TransportOptions.defaults().withMaxConnections(THREADS));
                WechatPay client = fake.clientBuilder().transport(http).build()) { // a transport given is closed by us
            String no = "LOAD-" + name.toUpperCase(Locale.ROOT) + "-1";
            client.chain("v3/pay/transactions/native").post(Options.json(order(fake, no)));
            Options query =
                    Options.path("no", no).withQuery("mchid", fake.keys().mchid());
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean async = t % 2 == 1;
                threads.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        try {
                            ApiResponse r = async
                                    ? client.chain("v3/pay/transactions/out-trade-no/{no}")
                                            .getAsync(query)
                                            .join()
                                    : client.chain("v3/pay/transactions/out-trade-no/{no}")
                                            .get(query);
                            if (!"NOTPAY".equals(r.asMap().get("trade_state"))) {
                                failures.add("unexpected answer " + r.bodyAsString());
                            }
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(describe(
                                    e.getCause() != null && !(e instanceof WechatPayException) ? e.getCause() : e));
                        }
                    }
                }));
            }
            for (Future<?> f : threads) {
                f.get(15, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get();
    }

    static Map<String, Object> order(FakeWechatPay fake, String outTradeNo) {
        return Map.of(
                "appid",
                "wxd678efh567hg6787",
                "mchid",
                fake.keys().mchid(),
                "description",
                "load",
                "out_trade_no",
                outTradeNo,
                "notify_url",
                "http://127.0.0.1:9/notify",
                "amount",
                Map.of("total", 1, "currency", "CNY"));
    }

    private static Map<Long, String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .collect(Collectors.toMap(Thread::getId, Thread::getName, (a, b) -> a));
    }

    /**
     * After close, every thread the client started ends and no connection to the server stays open. The JDK's
     * {@code HttpClient} on Java 17 has no close(): its selector thread and connections end when the client is
     * collected, so the check collects garbage while it waits (bounded, generous).
     */
    private static void assertNoLeaks(String name, Set<Long> before, int port) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(90);
        Map<Long, String> leaked;
        long connections;
        do {
            System.gc();
            Thread.sleep(100);
            leaked = liveThreads();
            leaked.keySet().removeAll(before);
            leaked.values()
                    .removeIf(n -> SHARED_THREADS.stream().anyMatch(n::startsWith) || n.startsWith("fake-wechatpay"));
            connections = establishedTo(port);
            if (System.getProperty("wechatpay.load.debug") != null) {
                System.out.println("[load] waiting: " + leaked.values() + ", " + connections + " connections");
            }
        } while ((!leaked.isEmpty() || connections > 0) && System.nanoTime() < deadline);
        System.out.printf(
                Locale.ROOT,
                "[load] %s after close: %d new threads %s, %d open connections (after %d ms)%n",
                name,
                leaked.size(),
                leaked.values(),
                Math.max(0, connections),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertTrue(leaked.isEmpty(), name + " left threads running after close: " + leaked.values());
        assertTrue(connections <= 0, name + " left " + connections + " connections open after close");
    }

    /** Client-side TCP connections to {@code port} in state ESTABLISHED (Linux /proc), or -1 where unavailable. */
    private static long establishedTo(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        long count = -1;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            count = Math.max(count, 0);
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[2].endsWith(hexPort) && f[3].equals("01")) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- rotation under load

    @Nested
    @WithFakeWechatPay(mode = FakeWechatPay.Mode.CERTIFICATE)
    class CertificateRotation {
        @Test
        void thirtyTwoThreadsCallThroughARotationWithoutAFailure(FakeWechatPay fake) throws Exception {
            fake.on("GET", "/v3/load/ping", FakeResponse.ok("{\"pong\":true}"));
            AtomicLong calls = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try (WechatPay client = fake.merchantBuilder().autoCertificates().build()) {
                String oldSerial = fake.currentCertificateSerial();
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    threads.add(pool.submit(() -> {
                        while (!stop.get()) {
                            try {
                                client.chain("v3/load/ping").get();
                                calls.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(describe(e));
                            }
                        }
                    }));
                }
                awaitCalls(calls, 500);
                String newSerial = fake.rotateCertificate().getSerialNumber().toString(16);
                long atRotation = calls.get();
                awaitCalls(calls, atRotation + 2000);
                stop.set(true);
                for (Future<?> f : threads) {
                    f.get(5, TimeUnit.MINUTES);
                }
                System.out.printf(
                        Locale.ROOT,
                        "[rotation] %d calls, %d after the rotation, %d failures%n",
                        calls.get(),
                        calls.get() - atRotation,
                        failures.size());
                assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.peek());
                assertTrue(
                        client.verifier().serialNumbers().contains(fake.currentCertificateSerial()),
                        "the new certificate " + newSerial + " was fetched; the old one was " + oldSerial);
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
        }

        private void awaitCalls(AtomicLong calls, long atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (calls.get() < atLeast && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    // ---------------------------------------------------------------- random faults

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void underRandomFaultsEveryCallEndsTypedInTimeAndNoUnsafePostIsRepeated(String name, FakeWechatPay fake)
            throws Exception {
        int calls = CHAOS_CALLS / 3 + (name.equals("jdk") ? CHAOS_CALLS % 3 : 0);
        AtomicInteger coupons = new AtomicInteger();
        fake.on(
                "POST",
                "/v3/marketing/favor/users/o1/coupons",
                req -> FakeResponse.ok("{\"coupon_id\":\"" + coupons.incrementAndGet() + "\"}"));
        fake.recordRequests(true);
        fake.slowReply(Duration.ofMillis(1500));
        RetryPolicy policy = RetryPolicy.defaults()
                .withMaxAttempts(4)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .withDeadline(Duration.ofSeconds(5));
        Duration connect = Duration.ofSeconds(2);
        Duration read = Duration.ofMillis(400);
        // the longest a call may take: no attempt starts after the deadline, and one attempt is bounded by timeouts
        long bound = policy.deadline().plus(connect).plus(read).toMillis() + 20_000; // + slack for a loaded machine
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong slowest = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (HttpTransport http =
                        Transports.create(name, TransportOptions.defaults().withTimeouts(connect, read));
                WechatPay client =
                        fake.clientBuilder().retryPolicy(policy).transport(http).build()) {
            String known = "CHAOS-" + name.toUpperCase(Locale.ROOT) + "-0";
            client.chain("v3/pay/transactions/native").post(Options.json(order(fake, known)));
            fake.randomFaults(
                    20261123L + name.hashCode(),
                    0.3,
                    Fault.SYSTEM_ERROR,
                    Fault.FREQUENCY_LIMITED,
                    Fault.CONNECTION_RESET,
                    Fault.CONNECTION_RESET_AFTER_PROCESSING,
                    Fault.SLOW_REPLY,
                    Fault.PROBE_SIGNATURE);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    String outcome;
                    try {
                        switch (n % 3) {
                            case 0 ->
                                client.chain("v3/pay/transactions/out-trade-no/{no}")
                                        .get(Options.path("no", known)
                                                .withQuery("mchid", fake.keys().mchid()));
                            case 1 ->
                                client.chain("v3/pay/transactions/native")
                                        .post(Options.json(
                                                order(fake, "CHAOS-" + name.toUpperCase(Locale.ROOT) + "-" + n)));
                            default ->
                                client.chain("v3/marketing/favor/users/o1/coupons")
                                        .post(Options.rawJson(
                                                "{\"stock_id\":\"1\",\"out_request_no\":\"" + name + "-" + n + "\"}"));
                        }
                        outcome = "success";
                    } catch (OutcomeUnknownException e) {
                        outcome = "OutcomeUnknownException";
                        if (n % 3 == 0) {
                            wrong.add("a GET ended in OutcomeUnknownException: " + e.getMessage());
                        }
                    } catch (WechatPayException e) {
                        outcome = e.getClass().getSimpleName();
                    } catch (Throwable t) {
                        outcome = "untyped";
                        wrong.add("untyped: " + describe(t));
                    }
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    slowest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get(bound, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    wrong.add("a call did not end within " + bound + " ms");
                }
            }
        } finally {
            pool.shutdownNow();
            fake.clearFaults();
        }
        List<RecordedRequest> requests = fake.requests();
        // a POST that is not idempotent reaches the server at most once; an idempotent one repeats byte for byte
        Map<String, List<RecordedRequest>> byBody = requests.stream()
                .filter(r -> r.method().equals("POST"))
                .collect(Collectors.groupingBy(RecordedRequest::bodyAsString));
        byBody.forEach((body, sent) -> {
            if (body.contains("out_request_no") && sent.size() > 1) {
                wrong.add("a POST that is not retry-safe was sent " + sent.size() + " times: " + body);
            }
        });
        long prepayOrders = fake.orders().stream()
                .filter(o -> o.outTradeNo().startsWith("CHAOS-" + name.toUpperCase(Locale.ROOT) + "-"))
                .count();
        long prepayBodies = byBody.keySet().stream()
                .filter(b -> b.contains("\"out_trade_no\":\"CHAOS-" + name.toUpperCase(Locale.ROOT) + "-"))
                .count();
        System.out.printf(
                Locale.ROOT,
                "[chaos] %s: %d calls, %d requests, outcomes %s, slowest %d ms (bound %d),"
                        + " %d distinct prepays sent, %d orders%n",
                name,
                calls,
                requests.size(),
                outcomes,
                slowest.get(),
                bound,
                prepayBodies,
                prepayOrders);
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " problems, first: " + wrong.peek());
        assertEquals(
                calls, outcomes.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(prepayOrders <= prepayBodies, "an order was created twice");
    }
}
