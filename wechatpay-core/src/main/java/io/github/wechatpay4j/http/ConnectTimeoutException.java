package io.github.wechatpay4j.http;

import java.net.SocketTimeoutException;

/**
 * How a transport reports a timeout before the connection was made (connecting, the TLS handshake, waiting for a
 * pooled connection): a timeout, and nothing of the request was sent, so even a POST may be sent again. The
 * library's own exception is the cause.
 */
public class ConnectTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    public ConnectTimeoutException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
