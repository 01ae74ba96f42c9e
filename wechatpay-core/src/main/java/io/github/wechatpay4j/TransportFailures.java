package io.github.wechatpay4j;

import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.ResponseTooLargeException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failure of the HTTP transport is reported: whether it timed out, and whether anything can have been sent. */
final class TransportFailures {
    private TransportFailures() {}

    /**
     * {@code error} from sending {@code request} as the client reports it: a {@link TransportException} saying
     * whether it timed out and whether the connection was ever made; an answer over the size limit as a
     * {@link MalformedResponseException}; our own exceptions and cancellations as they are.
     */
    static RuntimeException of(HttpRequest request, Throwable error) {
        if (error instanceof WechatPayException e) {
            return e;
        }
        if (error instanceof CancellationException e) {
            return e;
        }
        String what = request.method() + " " + request.uri().getRawPath();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException e) {
                return new MalformedResponseException(
                        "the answer to " + what + " is larger than the limit of "
                                + e.limit()
                                + " bytes, and was not read to the end: raise WechatPay.Builder.maxResponseBytes"
                                + " if this endpoint really answers that much",
                        0,
                        null,
                        e);
            }
        }
        boolean timeout = isTimeout(error);
        boolean connect = isConnectFailure(error);
        String message = (timeout ? "timed out: " : "failed: ") + what + " ("
                + error.getClass().getSimpleName() + (error.getMessage() != null ? ": " + error.getMessage() : "")
                + ")";
        if (connect) {
            message += "; the connection could not be made, so nothing was sent";
        }
        return new TransportException("HTTP exchange " + message, error, timeout, connect);
    }

    /** A timeout, as the transport port reports it: a {@link SocketTimeoutException} in the cause chain. */
    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the connection was never made, as the transport port reports it: refused, unknown host, no route, or a
     * {@link ConnectTimeoutException}. Nothing of the request can have reached WeChat Pay. Adapters map their
     * libraries' exceptions to these types, so that no library's class names are matched here.
     */
    static boolean isConnectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
