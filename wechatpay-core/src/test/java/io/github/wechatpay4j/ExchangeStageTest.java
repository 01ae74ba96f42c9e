package io.github.wechatpay4j;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exchange stage alone, over a scripted in-memory transport: the retry and failover decisions, the same for
 * blocking and asynchronous calls.
 */
class ExchangeStageTest {

    /** Runs each case once blocking and once asynchronously: the decisions must not differ. */
    private static void bothWays(java.util.function.BiConsumer<StageFixtures, Function<Prepared, ApiResponse>> test) {
        StageFixtures blocking = new StageFixtures();
        test.accept(blocking, call -> blocking.exchange(StageFixtures.BACKUP).execute(call));
        StageFixtures async = new StageFixtures();
        test.accept(async, call -> {
            try {
                return async.exchange(StageFixtures.BACKUP).executeAsync(call).join();
            } catch (CompletionException e) {
                throw (RuntimeException) e.getCause();
            }
        });
    }

    @Test
    void aGetIsAskedAgainAfterARetryableErrorEachTimeSignedAfresh() {
        bothWays((f, run) -> {
            f.transport
                    .then(StageFixtures.unsigned(503, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}"))
                    .then(f.signed(200, "{\"trade_state\":\"SUCCESS\"}"));
            ApiResponse answer = run.apply(f.prepare().prepare("GET", Chain.split("v3/x"), Options.none()));
            assertEquals("SUCCESS", answer.asMap().get("trade_state"));
            assertEquals(2, f.transport.requests.size());
            assertNotEquals(
                    f.transport.requests.get(0).headers().first("Authorization"),
                    f.transport.requests.get(1).headers().first("Authorization"));
        });
    }

    @Test
    void aPostThatMayHaveActedIsNotSentTwiceAndEndsInAnUnknownOutcome() {
        bothWays((f, run) -> {
            f.transport.then(new SocketTimeoutException("Read timed out"));
            OutcomeUnknownException e = assertThrows(
                    OutcomeUnknownException.class,
                    () -> run.apply(f.prepare().prepare("POST", Chain.split("v3/x"), Options.json(Map.of("a", 1)))));
            assertEquals(1, f.transport.requests.size());
            assertEquals("POST", e.method());
            assertInstanceOf(TransportException.class, e.getCause());
        });
    }

    @Test
    void aPostWithABusinessKeyIsSentAgainWithTheSameBytes() {
        bothWays((f, run) -> {
            f.transport.then(new SocketTimeoutException("Read timed out")).then(f.signed(200, "{}"));
            assertEquals(
                    200,
                    run.apply(f.prepare()
                                    .prepare(
                                            "POST",
                                            Chain.split("v3/x"),
                                            Options.json(Map.of("out_trade_no", "T1"))
                                                    .withBusinessKey("out_trade_no", "T1")))
                            .statusCode());
            assertEquals(2, f.transport.requests.size());
            assertEquals(
                    new String(f.transport.requests.get(0).body(), StandardCharsets.UTF_8),
                    new String(f.transport.requests.get(1).body(), StandardCharsets.UTF_8));
        });
    }

    @Test
    void aConnectionThatCannotBeMadeGoesToTheBackupHost() {
        bothWays((f, run) -> {
            f.transport.then(new ConnectException("Connection refused")).then(f.signed(200, "{}"));
            assertEquals(
                    200,
                    run.apply(f.prepare().prepare("POST", Chain.split("v3/x"), Options.json(Map.of("a", 1))))
                            .statusCode());
            assertEquals(
                    "api.mch.weixin.qq.com", f.transport.requests.get(0).uri().getHost());
            assertEquals(
                    "api2.wechatpay.cn",
                    f.transport.requests.get(1).uri().getHost(),
                    "nothing was sent, so even a POST is sent again, to the backup host");
        });
    }

    @Test
    void aRefusalThatNoRetryChangesEndsTheCallAtOnce() {
        bothWays((f, run) -> {
            f.transport.then(f.signed(400, "{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}"));
            ServiceException e = assertThrows(
                    ServiceException.class,
                    () -> run.apply(f.prepare().prepare("GET", Chain.split("v3/x"), Options.none())));
            assertEquals("PARAM_ERROR", e.code().orElseThrow());
            assertEquals(1, f.transport.requests.size());
        });
    }

    @Test
    void theRetryPolicyBoundsTheAttempts() {
        bothWays((f, run) -> {
            for (int i = 0; i < 5; i++) {
                f.transport.then(StageFixtures.unsigned(503, "{\"code\":\"SYSTEM_ERROR\"}"));
            }
            RetryPolicy twice = RetryPolicy.defaults()
                    .withMaxAttempts(2)
                    .withBackoff(java.time.Duration.ZERO, java.time.Duration.ZERO);
            ServiceException e = assertThrows(
                    ServiceException.class,
                    () -> run.apply(f.prepare()
                            .prepare("GET", Chain.split("v3/x"), Options.none().withRetryPolicy(twice))));
            assertTrue(e.isRetryable());
            assertEquals(2, f.transport.requests.size());
        });
    }
}
