package io.github.wechatpay4j;

/**
 * The SDK is configured in a way that cannot work: a missing or unreadable key, a PEM of the wrong kind, no HTTP
 * transport or JSON codec on the class path, an invalid option. The message says what was wrong and what is expected.
 */
public class ConfigurationException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
