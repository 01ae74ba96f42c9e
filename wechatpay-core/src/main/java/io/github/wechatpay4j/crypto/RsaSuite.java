package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The built-in suite: SHA256withRSA signatures, RSA-OAEP sensitive fields, {@code AEAD_AES_256_GCM} resources. */
final class RsaSuite implements CryptoSuite {
    static final RsaSuite INSTANCE = new RsaSuite();

    private RsaSuite() {}

    @Override
    public String name() {
        return "RSA";
    }

    @Override
    public String signatureAlgorithm() {
        return RsaSigner.ALGORITHM;
    }

    @Override
    public ResourceCipher resourceCipher(ApiV3Key apiV3Key) {
        return apiV3Key;
    }

    @Override
    public boolean accepts(PublicKey key) {
        return key != null && "RSA".equalsIgnoreCase(key.getAlgorithm());
    }

    @Override
    public boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new SignatureVerificationException(
                    Reason.BAD_SIGNATURE, "the key cannot verify SHA256withRSA signatures", e);
        } catch (GeneralSecurityException e) { // SignatureException: wrong length or encoding
            throw new SignatureVerificationException(
                    Reason.BAD_SIGNATURE,
                    "the WeChat Pay signature is not a valid SHA256withRSA signature ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public String encrypt(PublicKey key, String plaintext) {
        return RsaOaep.encrypt(key, plaintext);
    }

    @Override
    public List<PlatformKey> certificates(String pem) {
        List<PlatformKey> keys = new ArrayList<>();
        for (X509Certificate certificate : Keys.certificatesFromPem(pem)) {
            keys.add(key(certificate));
        }
        return keys;
    }

    /** The platform key of an RSA certificate. */
    static PlatformKey key(X509Certificate certificate) {
        if (certificate == null) {
            throw new ConfigurationException("the platform certificate is missing");
        }
        return new PlatformKey(
                Keys.serialNumber(certificate),
                certificate.getPublicKey(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    @Override
    public String toString() {
        return "CryptoSuite[RSA]";
    }
}
