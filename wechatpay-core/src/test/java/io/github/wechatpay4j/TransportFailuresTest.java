package io.github.wechatpay4j;

import io.github.wechatpay4j.http.ConnectTimeoutException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How transport failures are reported: timed out or not, and whether anything can have been sent. */
class TransportFailuresTest {
    private final HttpRequest request =
            new HttpRequest("POST", URI.create("https://api.mch.weixin.qq.com/v3/x"), Headers.empty(), new byte[0]);

    private TransportException of(Throwable t) {
        return assertInstanceOf(TransportException.class, TransportFailures.of(request, t));
    }

    @Test
    void connectionsThatWereNeverMadeAreConnectFailures() {
        assertTrue(of(new ConnectException("Connection refused")).isConnectFailure());
        assertTrue(of(new UnknownHostException("api.mch.weixin.qq.com")).isConnectFailure());
        TransportException connectTimeout = of(new IOException(
                "wrapped",
                new ConnectTimeoutException("connecting" + " timed out", new IOException("the library's own"))));
        assertTrue(connectTimeout.isConnectFailure());
        assertTrue(connectTimeout.isTimeout());
        assertFalse(
                of(new SocketTimeoutException("connect timed out")).isConnectFailure(),
                "the client reads types, not messages: adapters report a connect timeout as ConnectTimeoutException");
        TransportException read = of(new SocketTimeoutException("Read timed out"));
        assertFalse(read.isConnectFailure(), "a read timeout may come after the request was sent");
        assertTrue(read.isTimeout());
        assertTrue(read.getMessage().startsWith("HTTP exchange timed out: POST /v3/x"), read.getMessage());
    }

    @Test
    void anOversizedAnswerIsMalformedAndOurOwnFailuresPassAsTheyAre() {
        assertInstanceOf(
                MalformedResponseException.class,
                TransportFailures.of(request, new IOException(new ResponseTooLargeException(10))));
        InvalidRequestException ours = new InvalidRequestException("x");
        assertSame(ours, TransportFailures.of(request, ours));
        CancellationException cancelled = new CancellationException();
        assertSame(cancelled, TransportFailures.of(request, cancelled));
        assertSame(cancelled, TransportFailures.unwrap(new CompletionException(cancelled)));
    }
}
