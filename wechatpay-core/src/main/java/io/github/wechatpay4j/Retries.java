package io.github.wechatpay4j;

import io.github.wechatpay4j.internal.Logs;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The retry decisions of {@link RetryPolicy}, shared by blocking and asynchronous calls. */
final class Retries {
    private Retries() {}

    /**
     * The wait in nanoseconds before attempt {@code attempt + 1}, or {@code -1} when {@code failure} ends the call.
     */
    static long delayBeforeNext(Prepared call, WechatPayException failure, int attempt, long startNanos) {
        RetryPolicy policy = call.policy();
        if (attempt >= policy.maxAttempts() || !retryable(call, failure)) {
            return -1;
        }
        long ceiling = policy.backoffCeilingNanos(attempt + 1);
        long delay = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1); // ceiling ≤ 1 day
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed + delay >= policy.deadline().toNanos()) {
            return -1;
        }
        Logs.CLIENT.log(
                System.Logger.Level.DEBUG,
                () -> call.verb() + " " + call.path() + ": attempt " + attempt
                        + " failed (" + failure.getClass().getSimpleName() + "); attempt " + (attempt + 1) + " in "
                        + TimeUnit.NANOSECONDS.toMillis(delay) + " ms");
        return delay;
    }

    /** Whether sending {@code call} again may turn {@code failure} into a success without risking a second effect. */
    static boolean retryable(Prepared call, WechatPayException failure) {
        if (failure instanceof TransportException t) {
            return t.isConnectFailure() || call.retrySafe();
        }
        if (failure instanceof ServiceException e) {
            return call.retrySafe() && e.isRetryable();
        }
        if (failure instanceof SignatureVerificationException) {
            // a 2xx that does not verify (a probe signature, a proxy in between): asking again is safe only when a
            // repeat cannot act twice, and WeChat Pay then answers the first result again, signed
            return call.retrySafe();
        }
        return false;
    }

    /** What the caller gets when no attempt is left: the failure, or for a state change that may have happened, an
     * {@link OutcomeUnknownException}. */
    static WechatPayException terminal(Prepared call, WechatPayException failure, int attempts, String requestId) {
        if (call.verb().equals("GET")) {
            return failure;
        }
        boolean mayHaveActed = failure instanceof TransportException t && !t.isConnectFailure()
                || failure instanceof SignatureVerificationException
                || failure instanceof MalformedResponseException;
        if (!mayHaveActed) {
            return failure;
        }
        return new OutcomeUnknownException(
                call.verb(), call.path(), call.businessKey(), requestId, call.idempotencyKey(), attempts, failure);
    }

    static void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
