package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-ECB with PKCS#7 padding, as APIv2 encrypts a refund notification's {@code req_info} (standard Base64 of
 * the ciphertext; the key is {@link ApiV2Key}'s lower-case hex MD5). A block-aligned plaintext gets a whole block of
 * padding. Stateless and thread-safe: every call makes its own {@link Cipher}.
 */
public final class AesEcb {
    private static final String TRANSFORMATION = "AES/ECB/PKCS5Padding"; // PKCS#5 on 16-byte blocks is PKCS#7

    private AesEcb() {}

    /** Decrypts a {@code req_info} with the key derived from {@code key}. */
    public static byte[] decryptReqInfo(String base64, ApiV2Key key) {
        byte[] aesKey = key.reqInfoKey();
        try {
            return decrypt(base64, aesKey);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    /** Encrypts a {@code req_info} with the key derived from {@code key} (the fake WeChat Pay, tests). */
    public static String encryptReqInfo(byte[] plaintext, ApiV2Key key) {
        byte[] aesKey = key.reqInfoKey();
        try {
            return encrypt(plaintext, aesKey);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    /**
     * Decrypts standard Base64 ciphertext with a 32-byte key.
     *
     * @throws DecryptionException when it is not Base64, not whole blocks, or its padding is wrong (the key is not
     *                             the one it was encrypted with)
     */
    public static byte[] decrypt(String base64, byte[] key) {
        checkKey(key);
        if (base64 == null || base64.isEmpty()) {
            throw new DecryptionException("the AES-256-ECB ciphertext is missing");
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the AES-256-ECB ciphertext is not Base64");
        }
        if (data.length == 0 || data.length % 16 != 0) {
            throw new DecryptionException(
                    "the AES-256-ECB ciphertext is " + data.length + " bytes, not a whole number of 16-byte blocks");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(data);
        } catch (javax.crypto.BadPaddingException e) {
            throw new DecryptionException("the AES-256-ECB ciphertext does not decrypt with this key (bad padding):"
                    + " it was encrypted with another APIv2 key, or it was altered");
        } catch (GeneralSecurityException e) {
            throw new DecryptionException(
                    "AES-256-ECB decryption failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Encrypts {@code plaintext} with a 32-byte key; standard Base64 of the ciphertext. */
    public static String encrypt(byte[] plaintext, byte[] key) {
        checkKey(key);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has AES/ECB/PKCS5Padding", e);
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new ConfigurationException(
                    "an AES-256 key is 32 bytes, got " + (key == null ? "none" : key.length + " bytes"));
        }
    }
}
