package io.github.wechatpay4j.crypto;

/**
 * A sensitive value encrypted for WeChat Pay: put {@code ciphertext} in the field and send {@code wechatpaySerial} as
 * the request's {@code Wechatpay-Serial} header, which must name the key that encrypted it.
 *
 * @param ciphertext      Base64 RSA-OAEP ciphertext
 * @param wechatpaySerial the serial or public key ID of the platform key used
 */
public record EncryptedField(String ciphertext, String wechatpaySerial) {}
