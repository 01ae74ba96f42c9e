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
 * <p>The rules:
 * <ul>
 *   <li>Only record components can be marked (the annotation's target), and only {@code String} or
 *       {@code List<String>} ones; another type is an {@code InvalidRequestException}.</li>
 *   <li>Marked records are found inside records, lists, sets and other collections, maps (values), object arrays and
 *       {@code Optional}, at any depth, and rebuilt with the ciphertext; a collection comes back as an unmodifiable
 *       {@code List} (or {@code Set} for a set), so declare components as {@code List}, {@code Set},
 *       {@code Collection} or arrays.</li>
 *   <li>A marked record with a value, reached through a class that is not a record (a JavaBean), cannot be rebuilt:
 *       the request is refused with an {@code InvalidRequestException} before anything is sent, never sent in
 *       plaintext.</li>
 * </ul>
 *
 * <p>Records holding plaintext should override {@code toString()} so that it is never logged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Encrypted {}
