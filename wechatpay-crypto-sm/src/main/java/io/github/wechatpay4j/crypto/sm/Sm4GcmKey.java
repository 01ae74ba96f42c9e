package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.ResourceCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ShangMi counterpart of {@link ApiV3Key}: {@code AEAD_SM4_GCM}, with which WeChat Pay encrypts the notification
 * resources and downloaded platform certificates of a merchant who uses ShangMi. Its 16-byte SM4 key is the first 128
 * bits of the SM3 digest of the APIv3 key's UTF-8 bytes (the rule of the official SDK's ShangMi module:
 * {@code AeadSM4Cipher.covertSM4Key} in {@code wechatpay-apiv3/wechatpay-java}). Nonce and associated data are
 * UTF-8, the tag 128 bits at the end of the Base64 ciphertext, as with AES.
 *
 * <p>Bouncy Castle's lightweight API: no JCA provider is registered. Immutable and thread-safe (each call makes its
 * own cipher). {@link #toString()} never shows the key.
 */
public final class Sm4GcmKey implements ResourceCipher {
    /** The algorithm name WeChat Pay writes in {@code resource.algorithm}. */
    public static final String ALGORITHM = "AEAD_SM4_GCM";

    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 16;

    private final byte[] key;

    private Sm4GcmKey(byte[] key) {
        this.key = key;
    }

    /**
     * The SM4 key derived from the merchant's APIv3 key (the 32 characters set on the merchant platform).
     *
     * @throws io.github.wechatpay4j.ConfigurationException when it is not an APIv3 key ({@link ApiV3Key#of}'s check)
     */
    public static Sm4GcmKey fromApiV3Key(String apiV3Key) {
        return fromApiV3Key(ApiV3Key.of(apiV3Key)); // the one place that says what an APIv3 key looks like
    }

    /** The SM4 key derived from an APIv3 key already read. */
    public static Sm4GcmKey fromApiV3Key(ApiV3Key apiV3Key) {
        if (apiV3Key == null) {
            throw new io.github.wechatpay4j.ConfigurationException("the APIv3 key is missing");
        }
        return apiV3Key.derive(Sm4GcmKey::derive);
    }

    private static Sm4GcmKey derive(byte[] bytes) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(bytes, 0, bytes.length);
        byte[] digest = new byte[sm3.getDigestSize()];
        sm3.doFinal(digest, 0);
        Arrays.fill(bytes, (byte) 0);
        byte[] key = Arrays.copyOf(digest, KEY_BYTES);
        Arrays.fill(digest, (byte) 0);
        return new Sm4GcmKey(key);
    }

    /** A raw 16-byte SM4 key (test vectors; WeChat Pay's keys come from {@link #fromApiV3Key}). */
    static Sm4GcmKey ofRaw(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SM4 key is 16 bytes");
        }
        return new Sm4GcmKey(key.clone());
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    /**
     * Decrypts {@code AEAD_SM4_GCM} ciphertext (standard Base64, 16-byte tag at the end).
     *
     * @param associatedData the {@code associated_data}; {@code null} or empty when absent
     * @param nonce          the {@code nonce}, as UTF-8
     * @throws DecryptionException when the tag does not match or the input is malformed
     */
    @Override
    public byte[] decrypt(String associatedData, String nonce, String ciphertext) {
        if (nonce == null || nonce.isEmpty()) {
            throw new DecryptionException("the " + ALGORITHM + " nonce is missing");
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw new DecryptionException("the " + ALGORITHM + " ciphertext is missing");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the " + ALGORITHM + " ciphertext is not standard Base64");
        }
        byte[] aad = associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8);
        return decrypt(aad, nonce.getBytes(StandardCharsets.UTF_8), data);
    }

    /** {@link #decrypt(String, String, String)} on bytes: {@code data} is the ciphertext followed by its tag. */
    byte[] decrypt(byte[] associatedData, byte[] nonce, byte[] data) {
        if (data.length < TAG_BITS / 8) {
            throw new DecryptionException(
                    "the " + ALGORITHM + " ciphertext is " + data.length + " bytes, shorter than its 16-byte tag");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        try {
            gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
            byte[] out = new byte[gcm.getOutputSize(data.length)];
            int n = gcm.processBytes(data, 0, data.length, out, 0);
            n += gcm.doFinal(out, n);
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (InvalidCipherTextException e) {
            throw new DecryptionException(ALGORITHM + " decryption failed: the tag does not match. Either the"
                    + " configured APIv3 key is not this merchant's current APIv3 key, or the ciphertext, nonce or"
                    + " associated_data was altered");
        } catch (RuntimeException e) {
            throw new DecryptionException(
                    ALGORITHM + " decryption failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** {@link #decrypt(String, String, String)} as UTF-8 text. */
    @Override
    public String decryptToString(String associatedData, String nonce, String ciphertext) {
        return new String(decrypt(associatedData, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Sm4GcmKey[16 bytes, hidden]";
    }
}
