package io.github.wechatpay4j.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The authenticated cipher WeChat Pay encrypts a notification's {@code resource} and a downloaded platform certificate
 * with, keyed by the merchant's APIv3 key: {@code AEAD_AES_256_GCM} ({@link ApiV3Key} itself) or ShangMi's
 * {@code AEAD_SM4_GCM} (a key derived from the APIv3 key, in {@code wechatpay-crypto-sm}). Immutable and thread-safe.
 */
public interface ResourceCipher {

    /** The algorithm WeChat Pay names in {@code algorithm}, such as {@code AEAD_AES_256_GCM}. */
    String algorithm();

    /**
     * Decrypts {@code ciphertext} (standard Base64, 16-byte tag at the end).
     *
     * @param associatedData the {@code associated_data}; {@code null} or empty when absent
     * @param nonce          the {@code nonce}, as UTF-8
     * @throws io.github.wechatpay4j.DecryptionException when the tag does not match or the input is malformed
     */
    byte[] decrypt(String associatedData, String nonce, String ciphertext);

    /** {@link #decrypt} as UTF-8 text. */
    default String decryptToString(String associatedData, String nonce, String ciphertext) {
        return new String(decrypt(associatedData, nonce, ciphertext), StandardCharsets.UTF_8);
    }
}
