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

    public TransportException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the failure was a connect or response timeout. */
    public boolean isTimeout() {
        return timeout;
    }
}
