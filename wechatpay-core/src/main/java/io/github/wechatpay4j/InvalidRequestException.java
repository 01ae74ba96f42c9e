package io.github.wechatpay4j;

/**
 * A request could not be built from what the caller supplied: a {@code {placeholder}} without a value, a body the
 * JSON codec cannot write, a required field left empty, an invalid header. Nothing was sent to WeChat Pay.
 */
public class InvalidRequestException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
