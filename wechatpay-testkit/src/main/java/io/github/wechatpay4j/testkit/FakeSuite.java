package io.github.wechatpay4j.testkit;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The fake's side of one merchant's cryptography: RSA ({@link RsaFakeSuite}, plain JCA) or ShangMi
 * ({@link ShangMiFakeSuite}, the fake's own SM2/SM3/SM4). It checks the merchant's request signatures, makes platform
 * keys and certificates, and encrypts resources with the APIv3 key.
 */
interface FakeSuite {

    /** {@code RSA} or {@code SM2}: the {@code algorithm_type} of {@code GET /v3/certificates}. */
    String algorithmType();

    /** {@code WECHATPAY2-SHA256-RSA2048} or {@code WECHATPAY2-SM2-WITH-SM3}. */
    String signatureType();

    /** {@code AEAD_AES_256_GCM} or {@code AEAD_SM4_GCM}. */
    String resourceAlgorithm();

    /** The merchant certificate serial the requests must name. */
    String merchantSerial();

    /** {@code plaintext} encrypted as WeChat Pay encrypts a resource under the APIv3 key, Base64 with the tag. */
    String encryptResource(String apiV3Key, String associatedData, String nonce, byte[] plaintext);

    /** Whether the merchant signed {@code message} with {@code signature} (Base64). */
    boolean verifyMerchant(byte[] message, String signature);

    /** {@code plaintext} encrypted to the merchant's key, as WeChat Pay encrypts a sensitive answer field. */
    String encryptToMerchant(byte[] plaintext);

    /** A new platform key with its certificate, valid from {@code notBefore} for {@code validity}. */
    FakePlatform newPlatform(SecureRandom random, Instant notBefore, Duration validity);

    /** A platform key pair and its certificate. */
    interface FakePlatform {
        /** The certificate serial, upper-case hex as {@code Wechatpay-Serial} carries it. */
        String serial();

        /** Base64 signature of {@code message} with the platform's private key. */
        String sign(byte[] message);

        /**
         * A sensitive field decrypted with the platform's private key.
         *
         * @throws IllegalArgumentException when it does not decrypt
         */
        String decrypt(String ciphertext);

        /** The certificate in PEM. */
        String certificatePem();

        /** The start of the certificate's validity. */
        Instant notBefore();

        /** The end of the certificate's validity. */
        Instant notAfter();

        /** The certificate as a JDK object: RSA only; {@code null} for an SM2 certificate (the JDK cannot read it). */
        X509Certificate certificate();
    }
}
