package io.github.wechatpay4j;

import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.internal.FileExchange;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.Logs;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The pipeline's exchange stage: sends a prepared call through the transport, each attempt signed afresh by the
 * {@link SignStage} and its answer checked by the {@link VerifyStage}, retrying as the call's {@link RetryPolicy}
 * allows ({@link Retries}) and failing over to the backup host when a connection cannot be made. Blocking and
 * asynchronous calls share which failures the retry policy judges ({@link #retryable}) and what happens after one
 * ({@link #after}); only sending and waiting differ (a blocking send and a sleep, a future and a delayed executor).
 */
final class ExchangeStage {
    private final HttpTransport transport;

    private final SignStage signing;
    private final VerifyStage answers;
    private final Hosts hosts;
    private final String baseUrl;
    private final String backupBaseUrl;
    private final Executor work;

    ExchangeStage(
            HttpTransport transport,
            SignStage signing,
            VerifyStage answers,
            Hosts hosts,
            String baseUrl,
            String backupBaseUrl,
            Executor work) {
        this.transport = transport;
        this.signing = signing;
        this.answers = answers;
        this.hosts = hosts;
        this.baseUrl = baseUrl;
        this.backupBaseUrl = backupBaseUrl;
        this.work = work;
    }

    /** What happens after a failed attempt: another one after {@code delayNanos} to {@code base}, or the end. */
    private record Next(long delayNanos, String base, WechatPayException terminal) {}

    /** Sends {@code call}, blocking, until it is answered or no attempt is left. */
    ApiResponse execute(Prepared call) {
        long start = System.nanoTime();
        String base = hosts.baseFor(call.wirePath());
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = signing.sign(call, base);
            HttpResponse response = null;
            WechatPayException failure;
            try {
                response = send(request);
                return answers.check(request, response);
            } catch (RuntimeException e) {
                failure = retryable(e);
            }
            Next next = after(call, failure, attempt, start, base, response);
            if (next.terminal() != null) {
                throw next.terminal();
            }
            base = next.base();
            try {
                Retries.sleep(next.delayNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Retries.terminal(call, failure, attempt, requestId(response));
            }
        }
    }

    /**
     * The exchange in flight of an asynchronous call, so that cancelling the call's future cancels it; created with
     * the future, before any attempt, so that a cancellation at any moment reaches the transport.
     */
    static final class InFlight {
        private final AtomicReference<CompletableFuture<HttpResponse>> sent = new AtomicReference<>();

        private InFlight() {}

        static InFlight of(CompletableFuture<ApiResponse> result) {
            InFlight inFlight = new InFlight();
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    CompletableFuture<HttpResponse> exchange = inFlight.sent.get();
                    if (exchange != null) {
                        exchange.cancel(true);
                    }
                }
            });
            return inFlight;
        }

        private void set(CompletableFuture<HttpResponse> exchange, CompletableFuture<ApiResponse> result) {
            sent.set(exchange);
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        }
    }

    /**
     * Runs {@code task} (a step of the call {@code what} names, computed only for a refusal's message) on the work
     * executor unless {@code result} is already done; what it throws, or the executor refusing it, completes
     * {@code result} instead.
     */
    void onWorkThread(CompletableFuture<ApiResponse> result, Supplier<String> what, Runnable task) {
        try {
            work.execute(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException refused) { // RejectedExecutionException, mostly: the executor was shut down
            result.completeExceptionally(refused(what.get(), refused));
        }
    }

    private static TransportException refused(String what, Throwable cause) {
        return new TransportException(
                what + " was not sent: the client's work executor refused it (" + cause
                        + "). Was the client, or the ClientResources it was built on, closed?",
                cause,
                false,
                true);
    }

    /** Sends a prepared {@code call} without blocking; cancelling the future cancels the exchange in flight. */
    CompletableFuture<ApiResponse> executeAsync(Prepared call) {
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        InFlight inFlight = InFlight.of(result);
        onWorkThread(result, () -> call.verb() + " " + call.path(), () -> startAsync(call, result, inFlight));
        return result;
    }

    /**
     * Sends {@code call} without blocking, on the work executor's thread that prepared it; the answer is checked on
     * the work executor too, never on the transport's I/O thread. Retries wait on a delayed work executor.
     */
    void startAsync(Prepared call, CompletableFuture<ApiResponse> result, InFlight inFlight) {
        attemptAsync(call, 1, System.nanoTime(), hosts.baseFor(call.wirePath()), result, inFlight);
    }

    private void attemptAsync(
            Prepared call,
            int attempt,
            long start,
            String base,
            CompletableFuture<ApiResponse> result,
            InFlight inFlight) {
        if (result.isDone()) {
            return;
        }
        HttpRequest request;
        try {
            request = signing.sign(call, base);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        CompletableFuture<HttpResponse> sent;
        try {
            sent = transport.sendAsync(request);
            if (sent == null) {
                sent = CompletableFuture.failedFuture(new IOException("the transport returned no future"));
            }
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        inFlight.set(sent, result);
        if (result.isDone()) {
            return;
        }
        // handle, not whenComplete: the stage after it must see only the executor's refusal or a bug in answered(…),
        // never the exchange's own failure, which answered(…) has judged (and may be retrying)
        sent.handleAsync(
                        (response, error) -> {
                            if (!result.isDone()) {
                                answered(call, attempt, start, base, request, response, error, result, inFlight);
                            }
                            return null;
                        },
                        work)
                .whenComplete((ignored, refusedOrBug) -> {
                    if (refusedOrBug != null && !result.isDone()) {
                        Throwable cause = refusedOrBug instanceof CompletionException && refusedOrBug.getCause() != null
                                ? refusedOrBug.getCause()
                                : refusedOrBug;
                        result.completeExceptionally(
                                cause instanceof RejectedExecutionException
                                        ? refused(call.verb() + " " + call.path() + "'s answer", cause)
                                        : cause);
                    }
                });
    }

    /** Checks an asynchronous attempt's answer and completes {@code result}, or schedules the next attempt. */
    private void answered(
            Prepared call,
            int attempt,
            long start,
            String base,
            HttpRequest request,
            HttpResponse response,
            Throwable error,
            CompletableFuture<ApiResponse> result,
            InFlight inFlight) {
        WechatPayException failure;
        try {
            result.complete(outcome(request, response, error));
            return;
        } catch (RuntimeException e) {
            try {
                failure = retryable(e);
            } catch (RuntimeException notRetryable) { // cancellation, or a bug: reported as it is
                result.completeExceptionally(notRetryable);
                return;
            }
        }
        Next next = after(call, failure, attempt, start, base, response);
        if (next.terminal() != null) {
            result.completeExceptionally(next.terminal());
            return;
        }
        // the JDK's delay thread only hands the next attempt to the work executor (which may refuse it, once closed)
        CompletableFuture.delayedExecutor(next.delayNanos(), TimeUnit.NANOSECONDS, Runnable::run)
                .execute(() -> onWorkThread(
                        result,
                        () -> call.verb() + " " + call.path(),
                        () -> attemptAsync(call, attempt + 1, start, next.base(), result, inFlight)));
    }

    /** What an asynchronous attempt came to: the checked answer, or the failure it is thrown as. */
    private ApiResponse outcome(HttpRequest request, HttpResponse response, Throwable error) {
        if (error != null) {
            throw TransportFailures.of(request, TransportFailures.unwrap(error));
        }
        if (response == null) {
            throw TransportFailures.of(request, new IOException("the transport completed with no response"));
        }
        return answers.check(request, response);
    }

    /**
     * The failures the retry policy judges (the transport's, WeChat Pay's error answers, answers that do not verify
     * or cannot be read); anything else is rethrown as it is.
     */
    private static WechatPayException retryable(RuntimeException e) {
        if (e instanceof TransportException
                || e instanceof ServiceException
                || e instanceof SignatureVerificationException
                || e instanceof MalformedResponseException) {
            return (WechatPayException) e;
        }
        throw e;
    }

    /** After attempt {@code attempt} failed: wait and try again (to the backup host after a connect failure), or end. */
    private Next after(
            Prepared call, WechatPayException failure, int attempt, long start, String base, HttpResponse response) {
        long delay = Retries.delayBeforeNext(call, failure, attempt, start);
        if (delay < 0) {
            return new Next(0, base, Retries.terminal(call, failure, attempt, requestId(response)));
        }
        return new Next(delay, nextBase(base, failure), null);
    }

    private static String requestId(HttpResponse response) {
        return response == null ? null : response.requestId().orElse(null);
    }

    /** The host for the next attempt: the backup host after a connection failure, when one is configured. */
    private String nextBase(String current, WechatPayException failure) {
        if (backupBaseUrl != null
                && failure instanceof TransportException t
                && t.isConnectFailure()
                && (hosts.isMain(current) || current.equals(backupBaseUrl))) {
            String next = current.equals(baseUrl) ? backupBaseUrl : baseUrl;
            Logs.CLIENT.log(
                    System.Logger.Level.INFO,
                    () -> "cannot connect to " + current + "; the next attempt goes to " + next);
            return next;
        }
        return current;
    }

    /** One blocking exchange, not retried; I/O failures become {@link TransportException}. */
    HttpResponse send(HttpRequest request) {
        return guarded(request, () -> transport.send(request));
    }

    /** A transport call whose failures, and a missing answer, are reported as the client reports them. */
    private interface TransportCall<R> {
        R run() throws IOException;
    }

    private static <R> R guarded(HttpRequest request, TransportCall<R> call) {
        R response;
        try {
            response = call.run();
        } catch (IOException | RuntimeException e) {
            throw TransportFailures.of(request, e);
        }
        if (response == null) {
            throw TransportFailures.of(request, new IOException("the transport returned no response"));
        }
        return response;
    }

    /**
     * Sends a signed GET for a file and hands a 2xx answer to {@code reader}, closing it after; anything else is a
     * {@link ServiceException}, an I/O failure a {@link TransportException}.
     */
    <T> T stream(HttpRequest request, FileExchange.Reader<T> reader, ErrorDecoder errors) {
        StreamingHttpResponse response = guarded(request, () -> transport.stream(request));
        try (response) {
            if (!response.isSuccessful()) {
                byte[] body = response.body().readNBytes(64 * 1024);
                throw errors.decode(
                        new HttpResponse(response.statusCode(), response.headers(), body),
                        response.headers().first("Request-ID").orElse(null));
            }
            return reader.read(response);
        } catch (IOException e) {
            throw TransportFailures.of(request, e);
        }
    }
}
