package io.github.wechatpay4j;

/**
 * A response or notification did not carry a valid WeChat Pay signature. Never act on its content.
 *
 * <p>For a 2xx answer to a state-changing request (POST, PUT, PATCH, DELETE) the request may nonetheless have taken
 * effect: query the resource by its business key before trying again, never create it a second time.
 */
public class SignatureVerificationException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
        /** A {@code Wechatpay-*} signature header is absent or empty. */
        MISSING_HEADER,
        /** A {@code Wechatpay-*} header appears more than once with different values. */
        CONFLICTING_HEADERS,
        /** {@code Wechatpay-Timestamp} is not a number of seconds. */
        MALFORMED_TIMESTAMP,
        /** {@code Wechatpay-Timestamp} is outside the accepted window around the local clock. */
        STALE_TIMESTAMP,
        /** {@code Wechatpay-Serial} names no certificate or public key this client holds. */
        UNKNOWN_SERIAL,
        /** The key named by {@code Wechatpay-Serial} is a certificate outside its validity period. */
        EXPIRED_KEY,
        /** {@code Wechatpay-Signature-Type} names an algorithm this verifier does not implement. */
        UNSUPPORTED_ALGORITHM,
        /** A {@code WECHATPAY/SIGNTEST/} probe signature, which WeChat Pay sends to test that merchants verify. */
        PROBE_SIGNATURE,
        /** {@code Wechatpay-Signature} is not canonical Base64. */
        MALFORMED_SIGNATURE,
        /** The signature does not match the message: the body, timestamp or nonce was changed, or the key is wrong. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public SignatureVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
