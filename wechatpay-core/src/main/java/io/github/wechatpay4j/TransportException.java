package io.github.wechatpay4j;

/**
 * The HTTP exchange with WeChat Pay failed: the connection could not be made, was reset, or timed out. The cause is
 * the underlying I/O exception.
 *
 * <p>For a request that changes state (POST, PUT, PATCH, DELETE) a failure after the request was sent means the
 * outcome is unknown: query the resource by its business key before trying again, never create it a second time.
 */
public class TransportException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;
    private final boolean connectFailure;

    public TransportException(String message, Throwable cause, boolean timeout) {
        this(message, cause, timeout, false);
    }

    /**
     * @param connectFailure the connection could not be made (refused, unknown host, no route, connect timeout), so
     *                       nothing of the request was sent
     */
    public TransportException(String message, Throwable cause, boolean timeout, boolean connectFailure) {
        super(message, cause);
        this.timeout = timeout;
        this.connectFailure = connectFailure;
    }

    /** Whether the connection could not be made at all, so that WeChat Pay cannot have seen the request. */
    public boolean isConnectFailure() {
        return connectFailure;
    }

    /** Whether the failure was a connect or response timeout. */
    public boolean isTimeout() {
        return timeout;
    }
}
