package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes on the wire: the bytes signed are the bytes sent, and the fake server's independent check agrees. */
class RequestsTest extends FakeServerTestBase {

    @Test
    void queryBytesArriveAsSigned() {
        server.on("GET", "/v3/marketing/favor/stocks", FakeResponse.ok("{\"data\":[]}"));
        client().chain("v3/marketing/favor/stocks")
                .get(Options.query("offset", 0)
                        .withQuery("limit", 10)
                        .withQuery("stock_creator_mchid", keys.mchid())
                        .withQuery("q", "a b+c/d%e")
                        .withQuery("name", "微信支付")
                        .withQuery("filter", "{\"k\":[1,2]}")
                        .withQuery("q", "second"));
        RecordedRequest r = server.lastRequest();
        assertTrue(r.signatureValid(), r.signatureError());
        assertEquals(
                "offset=0&limit=10&stock_creator_mchid=" + keys.mchid()
                        + "&q=a%20b%2Bc%2Fd%25e&name=%E5%BE%AE%E4%BF%A1%E6%94%AF%E4%BB%98&filter=%7B%22k%22%3A%5B1%2C2%5D%7D"
                        + "&q=second",
                r.rawQuery());
        assertEquals(0, r.body().length);
        assertEquals(
                "application/json",
                r.header("Content-Type").orElseThrow(),
                "a GET has no body but carries Content-Type, as the official client sends it (issue 18, item 8)");
    }

    @Test
    void placeholderValuesAreEncodedOnceCaseKept() {
        server.on(
                "GET",
                "/v3/pay/transactions/out-trade-no/AbC%2F01%20%E5%8D%95",
                FakeResponse.ok("{\"trade_state\":\"NOTPAY\"}"));
        ApiResponse r = client().chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                .get(Options.path("out_trade_no", "AbC/01 单").withQuery("mchid", keys.mchid()));
        assertEquals("NOTPAY", r.asMap().get("trade_state"));
        assertTrue(server.lastRequest().signatureValid());
        assertEquals(
                "/v3/pay/transactions/out-trade-no/AbC%2F01%20%E5%8D%95",
                server.lastRequest().rawPath());
    }

    @Test
    void rawJsonIsSentByteForByteAndEveryVerbWorks() {
        String raw = "{ \"b\" : 1,\n \"a\":\"微信\" }";
        for (String verb : List.of("POST", "PUT", "PATCH", "DELETE")) {
            server.on(verb, "/v3/x/1", FakeResponse.noContent());
            ApiResponse r =
                    client().chain("v3/x/{id}").send(verb, Options.path("id", 1).withRawJson(raw));
            assertEquals(204, r.statusCode());
            RecordedRequest got = server.lastRequest();
            assertEquals(verb, got.method());
            assertArrayEquals(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8), got.body());
            assertTrue(got.signatureValid(), verb + ": " + got.signatureError());
        }
        server.on("DELETE", "/v3/x/2", FakeResponse.noContent());
        assertEquals(204, client().chain("v3/x/2").deleteAsync().join().statusCode());
        assertTrue(server.lastRequest().signatureValid());
    }

    @Test
    void callerHeadersAreSentWithTheirCaseAndNotChanged() {
        server.on("POST", "/v3/x", FakeResponse.ok("{}"));
        Headers mine = Headers.of("Idempotency-Key", "k-1", "X-Trace-Id", "t-1", "Accept-Language", "zh-CN");
        Options options = Options.rawJson("{}").withHeaders(mine);
        client().chain("v3/x").post(options);
        RecordedRequest r = server.lastRequest();
        assertEquals("k-1", r.header("idempotency-key").orElseThrow());
        assertEquals("t-1", r.header("X-TRACE-ID").orElseThrow());
        assertEquals("zh-CN", r.header("Accept-Language").orElseThrow());
        assertEquals(
                Headers.of("Idempotency-Key", "k-1", "X-Trace-Id", "t-1", "Accept-Language", "zh-CN"),
                options.headers(),
                "the caller's options are untouched");
        assertFalse(options.headers().contains("Authorization"));
    }

    @Test
    void everyRequestHasAFreshNonceAndTimestamp() {
        server.on("GET", "/v3/x", FakeResponse.ok("{}"));
        WechatPay client = client();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            client.chain("v3/x").get();
            String nonce = server.lastRequest().authorization().get("nonce_str");
            assertTrue(nonce.matches("[0-9A-Za-z]{32}"), nonce);
            nonces.add(nonce);
        }
        assertEquals(20, nonces.size());
    }

    @Test
    void concurrentSyncAndAsyncCallsOnOneClient() throws Exception {
        server.on("POST", "/v3/echo", req -> FakeResponse.ok(req.bodyAsString()));
        WechatPay client = client();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> sync = new ArrayList<>();
            List<CompletableFuture<Boolean>> async = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                sync.add(pool.submit(() -> ((Number) client.chain("v3/echo")
                                        .post(Options.json(Map.of("n", n)))
                                        .asMap()
                                        .get("n"))
                                .intValue()
                        == n));
                async.add(client.chain("v3/echo")
                        .postAsync(Options.json(Map.of("n", -n)))
                        .thenApply(r -> ((Number) r.asMap().get("n")).intValue() == -n));
            }
            for (Future<Boolean> f : sync) {
                assertTrue(f.get());
            }
            for (CompletableFuture<Boolean> f : async) {
                assertTrue(f.join());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(server.requests().stream().allMatch(RecordedRequest::signatureValid));
        assertEquals(400, server.requests().size());
    }

    @Test
    void manyMerchantsInOneJvmShareNothing() throws Exception {
        TestKeys otherKeys = TestKeys.generate("1900000002");
        try (FakeWechatPay other = FakeWechatPay.start(otherKeys, FakeWechatPay.Mode.CERTIFICATE)) {
            server.on("GET", "/v3/who", FakeResponse.ok("{\"m\":\"one\"}"));
            other.on("GET", "/v3/who", FakeResponse.ok("{\"m\":\"two\"}"));
            WechatPay one = client();
            WechatPay two = track(other.clientBuilder().jsonCodec(codec("gson")).build());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    results.add(pool.submit(
                            () -> "one".equals(one.chain("v3/who").get().asMap().get("m"))));
                    results.add(pool.submit(
                            () -> "two".equals(two.chain("v3/who").get().asMap().get("m"))));
                }
                for (Future<Boolean> f : results) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(other.requests().stream()
                    .allMatch(r -> r.signatureValid()
                            && "1900000002".equals(r.authorization().get("mchid"))));
            assertTrue(server.requests().stream()
                    .allMatch(r -> r.signatureValid()
                            && keys.mchid().equals(r.authorization().get("mchid"))));
        }
    }
}
