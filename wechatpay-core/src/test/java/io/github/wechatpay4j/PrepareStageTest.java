package io.github.wechatpay4j;

import io.github.wechatpay4j.internal.Protocol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prepare stage alone: what a call becomes before it is signed. */
class PrepareStageTest {
    private final StageFixtures f = new StageFixtures();
    private final PrepareStage stage = f.prepare();

    @Test
    void thePathIsExpandedAndEncodedOnceAndTheQueryAppended() {
        Prepared call = stage.prepare(
                "get",
                Chain.split("v3/pay/transactions/out-trade-no/{out_trade_no}"),
                Options.path("out_trade_no", "A/1 单").withQuery("mchid", StageFixtures.MCHID));
        assertEquals("GET", call.verb());
        assertEquals("/v3/pay/transactions/out-trade-no/A%2F1%20%E5%8D%95", call.path());
        assertEquals(call.path() + "?mchid=1900000001", call.pathAndQuery());
        assertEquals(0, call.body().length);
        assertTrue(call.retrySafe(), "a GET may be asked again");
    }

    @Test
    void aBodyIsWrittenOnceAndTheSameBytesAreSignedAndSent() {
        Prepared call = stage.prepare("POST", Chain.split("v3/x"), Options.json(Map.of("a", 1)));
        assertEquals("{\"a\":1}", new String(call.body(), StandardCharsets.UTF_8));
        assertArrayEquals(call.body(), call.signed());
        assertEquals("application/json", call.headers().first("Content-Type").orElseThrow());
        assertEquals("wechatpay4j-test", call.headers().first("User-Agent").orElseThrow());
        assertFalse(call.retrySafe(), "a POST with no business key is not sent twice");
        assertNull(call.businessKey());
    }

    @Test
    void theEncryptionKeyIsNamedWhenTheClientAlwaysSendsIt() {
        Prepared call = stage.prepare("GET", Chain.split("v3/x"), Options.none());
        assertEquals(
                StageFixtures.KEY_ID,
                call.headers().first(Protocol.HEADER_SERIAL).orElseThrow());
    }

    @Test
    void anOperationThatNeedsAnIdempotencyKeyGetsOneForEveryAttempt() {
        Prepared call = stage.prepare(
                "POST",
                Chain.split("v3/marketing/partnerships/build"),
                Options.json(Map.of("partner", Map.of("type", "APPID"))));
        String key = call.headers().first("Idempotency-Key").orElseThrow();
        assertTrue(key.matches("[0-9A-Za-z]{1,32}"), key);
        assertEquals(key, call.idempotencyKey());
        assertEquals(new BusinessKey("Idempotency-Key", key), call.businessKey());
        assertTrue(call.retrySafe(), "the key makes a repeat safe");
    }

    @Test
    void whatTheClientOwnsOrCannotSendIsRefusedBeforeAnythingIsSent() {
        assertThrows(
                InvalidRequestException.class,
                () -> stage.prepare(
                        "GET",
                        Chain.split("v3/x"),
                        Options.none().withHeader("Authorization", "WECHATPAY2-SHA256-RSA2048 forged")));
        assertThrows(
                InvalidRequestException.class,
                () -> stage.prepare("GET", Chain.split("v3/x"), Options.json(Map.of("a", 1))),
                "a GET carries no body");
        assertThrows(InvalidRequestException.class, () -> stage.prepare("G E T", Chain.split("v3/x"), Options.none()));
        assertThrows(
                InvalidRequestException.class,
                () -> stage.prepare("GET", Chain.split("v3/{id}"), Options.none()),
                "a placeholder without a value");
    }
}
