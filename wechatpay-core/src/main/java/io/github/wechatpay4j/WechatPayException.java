package io.github.wechatpay4j;

/**
 * The root of every exception this SDK throws. It is unchecked; catch it (or one of its subtypes) at
 * the boundary of your payment code.
 *
 * <ul>
 *   <li>{@link ConfigurationException}: the client cannot be built or used as configured (keys, providers, options).
 *   <li>{@link InvalidRequestException}: a request cannot be built from what the caller gave (missing path value,
 *       unserialisable body, missing required field); nothing was sent.
 *   <li>{@link TransportException}: the HTTP exchange failed (I/O error, timeout).
 *   <li>{@link ServiceException}: WeChat Pay answered with a non-2xx status.
 *   <li>{@link SignatureVerificationException}: a response or notification failed signature verification.
 *   <li>{@link MalformedResponseException}: a response could not be read as expected (e.g. not JSON).
 *   <li>{@link DecryptionException}: a notification resource, downloaded certificate or encrypted field could not be
 *       decrypted (wrong APIv3 key, altered ciphertext).
 *   <li>{@link MalformedNotificationException}: a notification body is not a WeChat Pay notification.
 *   <li>{@link io.github.wechatpay4j.json.JsonCodecException}: a JSON codec could not read or write a value.
 * </ul>
 *
 * <p>Messages never contain a private key, an APIv3 key or an {@code Authorization} header value.
 */
public class WechatPayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WechatPayException(String message) {
        super(message);
    }

    public WechatPayException(String message, Throwable cause) {
        super(message, cause);
    }
}
