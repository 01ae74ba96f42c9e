package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.json.JsonCodec;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Warms a client's HTTP transports and JSON codec ({@link HttpTransport#warmUp()}, {@link JsonCodec#warmUp()}) on its
 * work executor, so that what they create on first use (the HTTP client and its TLS context, the JSON mapper: about
 * 300 ms in a fresh JVM) is ready before the first call instead of being paid by it.
 */
public final class WarmUp {
    private WarmUp() {}

    /**
     * One task on {@code executor} that warms the transport, then the codec, then the certificate transport ({@code
     * null}s are skipped); never throws. A rejected task or a failing warm-up leaves the work to the first call, which
     * does it itself and reports what fails.
     */
    public static void start(
            Executor executor, HttpTransport transport, JsonCodec codec, HttpTransport certificateTransport) {
        Runnable task = () -> {
            warm(transport);
            if (codec != null) {
                try {
                    codec.warmUp();
                } catch (RuntimeException | LinkageError e) {
                    failed(codec, e);
                }
            }
            warm(certificateTransport);
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            failed(executor, e);
        }
    }

    private static void warm(HttpTransport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.warmUp();
        } catch (RuntimeException | LinkageError e) {
            failed(transport, e);
        }
    }

    private static void failed(Object part, Throwable e) {
        Logs.CLIENT.log(
                System.Logger.Level.DEBUG,
                () -> "warming " + part.getClass().getName() + " failed; the first call will create what it needs",
                e);
    }
}
