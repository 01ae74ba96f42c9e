package io.github.wechatpay4j;

/**
 * A response from WeChat Pay could not be read as expected, for example a 2xx whose body is not JSON when JSON was
 * expected, or JSON that does not fit the requested type. The response itself was received (and, for 2xx, its
 * signature verified); only its content is unusable.
 */
public class MalformedResponseException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String requestId;

    public MalformedResponseException(String message, int statusCode, String requestId, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The {@code Request-ID} header of the response, or {@code null} when it had none. */
    public String requestId() {
        return requestId;
    }
}
