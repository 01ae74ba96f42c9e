package io.github.wechatpay4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void backoffCeilingsDoubleFromTheInitialWaitUpToTheMaximum() {
        RetryPolicy p =
                RetryPolicy.defaults().withMaxAttempts(10).withBackoff(Duration.ofMillis(100), Duration.ofMillis(700));
        assertEquals(Duration.ofMillis(100).toNanos(), p.backoffCeilingNanos(2));
        assertEquals(Duration.ofMillis(200).toNanos(), p.backoffCeilingNanos(3));
        assertEquals(Duration.ofMillis(400).toNanos(), p.backoffCeilingNanos(4));
        assertEquals(Duration.ofMillis(700).toNanos(), p.backoffCeilingNanos(5));
        assertEquals(Duration.ofMillis(700).toNanos(), p.backoffCeilingNanos(60), "no overflow however many");
        assertEquals(1, RetryPolicy.none().maxAttempts());
        assertEquals(3, RetryPolicy.defaults().maxAttempts());
    }

    @Test
    void nonsenseIsAConfigurationErrorThatSaysWhy() {
        assertThrows(ConfigurationException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThrows(
                ConfigurationException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(ConfigurationException.class, () -> RetryPolicy.defaults().withBackoff(null, null));
        assertThrows(ConfigurationException.class, () -> RetryPolicy.defaults().withDeadline(Duration.ZERO));
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> RetryPolicy.defaults().withDeadline(Duration.ofDays(400)));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }

    @Test
    void businessKeysAndIdempotencyKeysAreChecked() {
        assertThrows(InvalidRequestException.class, () -> Options.none().withBusinessKey("", "x"));
        assertThrows(InvalidRequestException.class, () -> Options.none().withBusinessKey("out_trade_no", " "));
        assertThrows(InvalidRequestException.class, () -> Options.none().withIdempotencyKey("x".repeat(65)));
        assertThrows(InvalidRequestException.class, () -> Options.none().withIdempotencyKey("密钥"));
        assertThrows(InvalidRequestException.class, () -> Options.none().withRetryPolicy(null));
        Options o = Options.none().withBusinessKey("out_refund_no", "R1").withIdempotencyKey("k-1");
        assertEquals("out_refund_no=R1", o.businessKey().orElseThrow().toString());
        assertEquals("k-1", o.headers().first("Idempotency-Key").orElseThrow());
    }
}
