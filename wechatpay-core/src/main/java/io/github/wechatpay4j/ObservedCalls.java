package io.github.wechatpay4j;

import io.github.wechatpay4j.internal.Logs;
import io.github.wechatpay4j.observe.Call;
import io.github.wechatpay4j.observe.CallEnd;
import io.github.wechatpay4j.observe.CallEnd.Outcome;
import io.github.wechatpay4j.observe.CallObserver;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A client's calls as its {@link CallObserver} sees them: one start and one end per call, the end classified into a
 * coarse {@link Outcome}. The observer's own failures are logged and never reach the call.
 */
final class ObservedCalls {

    private final CallObserver observer;

    ObservedCalls(CallObserver observer) {
        this.observer = observer;
    }

    ApiResponse execute(String method, List<String> segments, Supplier<ApiResponse> call) {
        if (observer == CallObserver.NONE) {
            return call.get();
        }
        CallObserver.Ending ending = start(method, segments);
        ApiResponse response;
        try {
            response = call.get();
        } catch (RuntimeException | Error e) {
            end(ending, e);
            throw e;
        }
        end(ending, new CallEnd(Outcome.SUCCESS, response.statusCode(), null));
        return response;
    }

    CompletableFuture<ApiResponse> executeAsync(
            String method, List<String> segments, Supplier<CompletableFuture<ApiResponse>> call) {
        if (observer == CallObserver.NONE) {
            return call.get();
        }
        CallObserver.Ending ending = start(method, segments);
        CompletableFuture<ApiResponse> result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            end(ending, e);
            throw e;
        }
        result.whenComplete((response, error) -> {
            if (error == null) {
                end(ending, new CallEnd(Outcome.SUCCESS, response.statusCode(), null));
            } else {
                end(
                        ending,
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        return result;
    }

    private CallObserver.Ending start(String method, List<String> segments) {
        String verb = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        try {
            CallObserver.Ending ending = observer.start(new Call(verb, "/" + String.join("/", segments)));
            return ending != null ? ending : ended -> {};
        } catch (RuntimeException e) {
            Logs.CLIENT.log(System.Logger.Level.WARNING, "the call observer failed at the start of a call; ignored", e);
            return ended -> {};
        }
    }

    private static void end(CallObserver.Ending ending, Throwable error) {
        end(ending, classify(error));
    }

    private static void end(CallObserver.Ending ending, CallEnd ended) {
        try {
            ending.end(ended);
        } catch (RuntimeException e) {
            Logs.CLIENT.log(System.Logger.Level.WARNING, "the call observer failed at the end of a call; ignored", e);
        }
    }

    /** The outcome a failed call came to, from the exception its caller gets. */
    static CallEnd classify(Throwable error) {
        if (error instanceof ServiceException s) {
            return new CallEnd(
                    s.statusCode() >= 500 ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR, s.statusCode(), error);
        }
        Outcome outcome;
        if (error instanceof OutcomeUnknownException) {
            outcome = Outcome.UNKNOWN;
        } else if (error instanceof TransportException) {
            outcome = Outcome.TRANSPORT_ERROR;
        } else if (error instanceof SignatureVerificationException || error instanceof MalformedResponseException) {
            outcome = Outcome.UNVERIFIED;
        } else if (error instanceof CancellationException) {
            outcome = Outcome.CANCELLED;
        } else {
            outcome = Outcome.REFUSED;
        }
        return new CallEnd(outcome, 0, error);
    }
}
