package io.github.wechatpay4j.observe;

/**
 * The observation port: told when each call through a client starts and, once, how it ended (its retries included),
 * for metrics and tracing. The Spring Boot starter adapts it to Micrometer observations; anything else (a log line, a
 * counter of your own) implements it directly and is given to {@code WechatPay.builder().callObserver(…)}.
 *
 * <p>Implementations are per client or shared, thread-safe and quick: {@link #start} runs on the caller's thread,
 * {@link Ending#end} on whichever thread finished the call (the transport's, for an asynchronous one). An exception
 * either throws is logged and does not change the call.
 */
@FunctionalInterface
public interface CallObserver {
    /** Observes nothing: the default. */
    CallObserver NONE = call -> ended -> {};

    /**
     * A call starts, before it is prepared.
     *
     * @return what is told how the call ended; exactly once per call
     */
    Ending start(Call call);

    /** How one observed call ended. */
    @FunctionalInterface
    interface Ending {
        void end(CallEnd ended);
    }
}
