package io.github.wechatpay4j.crypto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} (or {@code List<String>}) record component as a sensitive field (name, ID card
 * number, phone, bank account…).
 *
 * <p>In a request body the client replaces the plaintext with its RSA-OAEP ciphertext under a platform key and sets
 * {@code Wechatpay-Serial} to that key, so callers fill in plaintext. For fields that WeChat Pay returns encrypted to
 * the merchant key, {@code WechatPay.decryptFields(record)} returns a copy with the plaintext.
 *
 * <p>Records holding plaintext should override {@code toString()} so that it is never logged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Encrypted {
}
