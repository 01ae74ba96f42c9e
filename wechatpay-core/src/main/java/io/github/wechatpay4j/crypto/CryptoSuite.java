package io.github.wechatpay4j.crypto;

import java.security.PublicKey;
import java.util.List;

/**
 * The cryptography of one kind of WeChat Pay platform key, which the client's stages call without knowing it: how a
 * WeChat Pay signature is checked, how a sensitive field is encrypted to a platform key, how a platform certificate
 * is read, which {@code algorithm_type} the certificates are downloaded with, and the cipher of encrypted resources.
 * {@link #rsa()} (SHA256withRSA, RSA-OAEP, {@code AEAD_AES_256_GCM}) is built in; ShangMi's SM2/SM3/SM4 suite comes
 * with {@code wechatpay-crypto-sm}, chosen per client through its {@link MerchantKey}.
 *
 * <p>Implementations are immutable and thread-safe, and fail only with {@code WechatPayException} subtypes.
 */
public interface CryptoSuite {

    /** The built-in RSA suite. */
    static CryptoSuite rsa() {
        return RsaSuite.INSTANCE;
    }

    /** The key type, {@code RSA} or {@code SM2}: also the {@code algorithm_type} of {@code GET /v3/certificates}. */
    String name();

    /**
     * The signature algorithm in WeChat Pay's names: {@code SHA256-RSA2048} or {@code SM2-WITH-SM3}. With the
     * {@code WECHATPAY2-} prefix it is the {@code Authorization} scheme and the {@code Wechatpay-Signature-Type}.
     */
    String signatureAlgorithm();

    /** The cipher of notification resources and downloaded certificates for this APIv3 key. */
    ResourceCipher resourceCipher(ApiV3Key apiV3Key);

    /** Whether {@code key} is a platform key of this suite (an RSA key for RSA, an SM2 key for SM2). */
    boolean accepts(PublicKey key);

    /**
     * Whether {@code signature} (decoded from Base64) is {@code key}'s signature of {@code message}.
     *
     * @throws io.github.wechatpay4j.SignatureVerificationException ({@code MALFORMED_SIGNATURE}) when it cannot be a
     *                                                              signature of this suite at all
     */
    boolean verify(PublicKey key, byte[] message, byte[] signature);

    /**
     * A sensitive field's ciphertext (Base64) under a platform key, as WeChat Pay expects it.
     *
     * @throws io.github.wechatpay4j.InvalidRequestException when the plaintext cannot be encrypted (too long)
     */
    String encrypt(PublicKey key, String plaintext);

    /**
     * Every platform certificate in PEM text, as keys (serial, public key, validity).
     *
     * @throws io.github.wechatpay4j.ConfigurationException when the text holds none, or one is not this suite's
     */
    List<PlatformKey> certificates(String pem);
}
