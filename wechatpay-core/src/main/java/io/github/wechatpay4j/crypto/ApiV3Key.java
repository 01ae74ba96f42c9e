package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The merchant's APIv3 key (APIv3密钥): exactly 32 bytes, the AES-256 key of {@code AEAD_AES_256_GCM}, which WeChat
 * Pay uses for notification resources and downloaded platform certificates.
 *
 * <p>Immutable and thread-safe. A decryption takes a spare {@link Cipher} of this key (or makes one) and gives it back
 * after success: looking a cipher up ({@code Cipher.getInstance}) and expanding the AES key cost about a quarter of
 * a notification's decryption. {@link #toString()} never shows the key.
 */
public final class ApiV3Key implements ResourceCipher {
    /** The only algorithm this key decrypts. */
    public static final String ALGORITHM = "AEAD_AES_256_GCM";

    private static final int TAG_BITS = 128;

    /** Spare decryption ciphers, one slot per hash of the calling thread (a bounded pool, never blocking). */
    private static final int SPARE_SLOTS = 8;

    private final SecretKeySpec key;
    private final AtomicReferenceArray<Cipher> spare = new AtomicReferenceArray<>(SPARE_SLOTS);

    private ApiV3Key(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
    }

    /**
     * The key as set on the merchant platform (32 ASCII characters).
     *
     * @throws ConfigurationException when it is not exactly 32 bytes in UTF-8 (the length, never the key, is shown)
     */
    public static ApiV3Key of(String key) {
        if (key == null || key.isEmpty()) {
            throw new ConfigurationException("the APIv3 key is missing: set it on the merchant platform (账户中心 → API"
                    + " 安全 → APIv3密钥) and pass its 32 characters");
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 32) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new ConfigurationException("the APIv3 key must be exactly 32 bytes, got " + length
                    + (key.strip().length() != key.length() ? " (it has leading or trailing whitespace)" : "")
                    + ": it is the"
                    + " APIv3密钥 of the merchant platform, not the merchant private key, the API key (v2) or the"
                    + " certificate serial");
        }
        return new ApiV3Key(bytes);
    }

    /**
     * Decrypts {@code AEAD_AES_256_GCM} ciphertext (standard Base64, 16-byte tag at the end).
     *
     * @param associatedData the {@code associated_data}; {@code null} or empty when absent
     * @param nonce          the {@code nonce} (the IV), as UTF-8
     * @throws DecryptionException when the tag does not match or the input is malformed
     */
    @Override
    public byte[] decrypt(String associatedData, String nonce, String ciphertext) {
        if (nonce == null || nonce.isEmpty()) {
            throw new DecryptionException("the AEAD_AES_256_GCM nonce is missing");
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw new DecryptionException("the AEAD_AES_256_GCM ciphertext is missing");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the AEAD_AES_256_GCM ciphertext is not standard Base64");
        }
        if (data.length < TAG_BITS / 8) {
            throw new DecryptionException(
                    "the AEAD_AES_256_GCM ciphertext is " + data.length + " bytes, shorter than" + " its 16-byte tag");
        }
        try {
            int slot = System.identityHashCode(Thread.currentThread()) & (SPARE_SLOTS - 1);
            Cipher cipher = spare.getAndSet(slot, null);
            if (cipher == null) {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
            }
            // a fresh nonce on each init; reusing a GCM cipher is refused only for encryption with the same IV
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null && !associatedData.isEmpty()) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            byte[] plaintext = cipher.doFinal(data);
            spare.set(slot, cipher); // only after success: a failed cipher is dropped
            return plaintext;
        } catch (AEADBadTagException e) {
            throw new DecryptionException("AEAD_AES_256_GCM decryption failed: the tag does not match. Either the"
                    + " configured APIv3 key is not this merchant's current APIv3 key (it changes when reset on the"
                    + " merchant platform), or the ciphertext, nonce or associated_data was altered");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DecryptionException(
                    "AEAD_AES_256_GCM decryption failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    /**
     * What {@code derivation} makes of the key's 32 bytes, for a cipher keyed by a derived key (ShangMi's
     * {@code AEAD_SM4_GCM} key is the first 16 bytes of SM3 of the APIv3 key). {@code derivation} gets a copy, zeroed
     * when it returns; it must not keep it.
     */
    public <T> T derive(java.util.function.Function<byte[], T> derivation) {
        byte[] copy = key.getEncoded();
        try {
            return derivation.apply(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ApiV3Key[32 bytes, hidden]";
    }
}
