package io.github.wechatpay4j.testkit;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** The fake's RSA cryptography, in plain JCA: SHA256withRSA, RSA-OAEP, AES-256-GCM. */
final class RsaFakeSuite implements FakeSuite {
    private final TestKeys keys;

    RsaFakeSuite(TestKeys keys) {
        this.keys = keys;
    }

    /** The platform certificate of {@code keys}. */
    FakePlatform initialPlatform() {
        return RsaPlatform.of(keys.platformKeys(), keys.platformCertificate());
    }

    /** The WeChat Pay public key of {@code keys}, signing under its {@code PUB_KEY_ID_…} (no certificate). */
    FakePlatform publicKey() {
        return new RsaPlatform(keys.platformKeys(), keys.publicKeyId(), null);
    }

    @Override
    public String algorithmType() {
        return "RSA";
    }

    @Override
    public String signatureType() {
        return "WECHATPAY2-SHA256-RSA2048";
    }

    @Override
    public String resourceAlgorithm() {
        return "AEAD_AES_256_GCM";
    }

    @Override
    public String merchantSerial() {
        return keys.merchantSerial();
    }

    @Override
    public String encryptResource(String apiV3Key, String associatedData, String nonce, byte[] plaintext) {
        return Crypto.aesGcm(apiV3Key, associatedData, nonce, plaintext);
    }

    @Override
    public boolean verifyMerchant(byte[] message, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys.merchantKeys().getPublic());
            s.update(message);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String encryptToMerchant(byte[] plaintext) {
        try {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(Cipher.ENCRYPT_MODE, keys.merchantKeys().getPublic());
            return Base64.getEncoder().encodeToString(oaep.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FakePlatform newPlatform(SecureRandom random, Instant notBefore, Duration validity) {
        KeyPair pair = TestKeys.rsa(random);
        return RsaPlatform.of(pair, TestKeys.certificate(pair, random, notBefore, validity));
    }

    /** An RSA platform certificate with its key pair (or the public key, without a certificate). */
    record RsaPlatform(KeyPair keys, String serial, X509Certificate certificate) implements FakePlatform {
        static RsaPlatform of(KeyPair keys, X509Certificate certificate) {
            return new RsaPlatform(keys, TestKeys.serialHex(certificate), certificate);
        }

        @Override
        public Instant notBefore() {
            return certificate.getNotBefore().toInstant();
        }

        @Override
        public Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }

        @Override
        public String sign(byte[] message) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.getPrivate());
                s.update(message);
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String decrypt(String ciphertext) {
            try {
                return Crypto.oaepDecrypt(keys.getPrivate(), ciphertext);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the field does not decrypt with key " + serial(), e);
            }
        }

        @Override
        public String certificatePem() {
            try {
                return TestKeys.pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "RsaPlatform[" + serial + "]";
        }
    }
}
