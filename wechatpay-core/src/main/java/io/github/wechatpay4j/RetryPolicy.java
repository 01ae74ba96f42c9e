package io.github.wechatpay4j;

import java.time.Duration;

/**
 * When and how often the client sends a call again. Immutable; set one per client with
 * {@link WechatPay.Builder#retryPolicy} or per call with {@link Options#withRetryPolicy}.
 *
 * <p>What is retried: a connection that could not be made (nothing was sent, so any method), and, for a GET or an
 * operation that is idempotent by its business key ({@link Options#withBusinessKey}, an {@code Idempotency-Key}, or
 * one the client knows: prepay by {@code out_trade_no}, close, refund by {@code out_refund_no}), an I/O failure, a
 * timeout, and the answers {@code SYSTEM_ERROR}, {@code FREQUENCY_LIMITED}, {@code BANK_ERROR}, HTTP 429 or a
 * 502/503/504 gateway page. Everything else ends the call at once. A retried request carries the same method, path,
 * headers and body bytes, signed again with a fresh timestamp and nonce.
 *
 * <p>Waits between attempts grow exponentially with full jitter: before attempt {@code n+1} the client waits a random
 * time between zero and {@code min(maxBackoff, initialBackoff × 2^(n-1))}. No attempt starts after {@code deadline}
 * has passed since the call began, so a call takes at most the deadline plus one attempt's connect and read timeouts.
 *
 * @param maxAttempts    the most attempts, the first included (1 turns retries off)
 * @param initialBackoff the largest wait before the second attempt
 * @param maxBackoff     the largest wait before any attempt
 * @param deadline       no attempt starts later than this after the call began
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {
    private static final Duration LONGEST = Duration.ofDays(1);
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofDays(1));
    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new ConfigurationException("maxAttempts must be at least 1 (1 means no retries), got " + maxAttempts);
        }
        if (initialBackoff == null || maxBackoff == null || deadline == null) {
            throw new ConfigurationException("the retry policy's backoffs and deadline must not be null");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigurationException("backoffs must satisfy 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new ConfigurationException("the retry deadline must be positive, got " + deadline);
        }
        if (maxBackoff.compareTo(LONGEST) > 0 || deadline.compareTo(LONGEST) > 0) {
            throw new ConfigurationException("backoffs and the deadline are at most " + LONGEST + " (got maxBackoff "
                    + maxBackoff + ", deadline " + deadline + "); a call that needs longer is better reconciled by a"
                    + " query later");
        }
    }

    /** 3 attempts, waits up to 200 ms then 400 ms (never above 2 s), no new attempt 30 s after the call began. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt: every failure is reported at once. */
    public static RetryPolicy none() {
        return NONE;
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, deadline);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, deadline);
    }

    public RetryPolicy withDeadline(Duration callDeadline) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, callDeadline);
    }

    /** The upper bound of the wait before attempt {@code next} (2 or more); the actual wait is uniform below it. */
    long backoffCeilingNanos(int next) {
        long initial = initialBackoff.toNanos();
        int shift = Math.min(next - 2, 40);
        long ceiling = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
        return Math.min(ceiling, maxBackoff.toNanos());
    }
}
