package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;

import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Sensitive-field encryption as WeChat Pay specifies it: {@code RSA/ECB/OAEPWithSHA-1AndMGF1Padding}, Base64 output.
 * Requests encrypt with a platform key (public key or certificate); fields that WeChat Pay returns encrypted decrypt
 * with the merchant private key. Stateless: every call makes its own {@link Cipher}, so it is safe from any thread.
 */
public final class RsaOaep {
    public static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private RsaOaep() {}

    /**
     * Encrypts {@code plaintext} (UTF-8) with {@code key}.
     *
     * @throws InvalidRequestException when the plaintext is too long for one RSA-2048 OAEP block (214 bytes)
     */
    public static String encrypt(PublicKey key, String plaintext) {
        if (key == null) {
            throw new ConfigurationException("no platform key to encrypt the sensitive field with");
        }
        if (plaintext == null) {
            throw new InvalidRequestException("a sensitive field to encrypt must not be null");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalBlockSizeException e) {
            throw new InvalidRequestException(
                    "a sensitive field is " + plaintext.getBytes(StandardCharsets.UTF_8).length
                            + " bytes of UTF-8, too long for RSA-OAEP with this key: WeChat Pay's sensitive fields"
                            + " are short (names, ID numbers, phone numbers)");
        } catch (InvalidKeyException e) {
            throw new ConfigurationException(
                    "the platform key cannot encrypt with " + TRANSFORMATION + " (" + key.getAlgorithm() + " key)", e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(TRANSFORMATION + " is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a Base64 {@code ciphertext} that WeChat Pay encrypted to the merchant key.
     *
     * @throws DecryptionException when it is not Base64 or was not encrypted to {@code key}
     */
    public static String decrypt(PrivateKey key, String ciphertext) {
        if (key == null) {
            throw new ConfigurationException("decrypting a sensitive field needs the merchant private key");
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw new DecryptionException("the encrypted field is empty");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the encrypted field is not standard Base64");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key);
            return new String(cipher.doFinal(data), StandardCharsets.UTF_8);
        } catch (InvalidKeyException e) {
            throw new ConfigurationException("the merchant private key cannot decrypt with " + TRANSFORMATION, e);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("the field could not be decrypted with the merchant private key ("
                    + e.getClass().getSimpleName() + "): it was encrypted to another key, or altered");
        }
    }
}
