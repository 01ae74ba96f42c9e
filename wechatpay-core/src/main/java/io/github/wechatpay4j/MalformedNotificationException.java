package io.github.wechatpay4j;

/**
 * A notification (callback) body is not what WeChat Pay sends: not JSON, no {@code id}/{@code event_type}/
 * {@code resource}, or a decrypted resource that does not fit the event's type. Answer it with a failure
 * ({@code NotificationReply.failure}) so that WeChat Pay delivers it again.
 */
public class MalformedNotificationException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public MalformedNotificationException(String message) {
        super(message);
    }

    public MalformedNotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
