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
import java.util.Arrays;
import java.util.Base64;
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
        List<X509Certificate> certificates;
        try {
            certificates = Keys.certificatesFromPem(pem);
        } catch (ConfigurationException e) {
            if (namesTheSm2Curve(pem)) {
                throw new ConfigurationException(
                        "the platform certificate is an SM2 (ShangMi) certificate, which an"
                                + " RSA client cannot read: a ShangMi merchant gives its SM2 key to merchantKey("
                                + "Sm2PrivateKey.fromFile(…)) from wechatpay-crypto-sm",
                        e);
            }
            throw e;
        }
        List<PlatformKey> keys = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            keys.add(key(certificate));
        }
        return keys;
    }

    /** Whether the DER in {@code pem} holds the OID of the SM2 curve, {@code 1.2.156.10197.1.301}. */
    private static boolean namesTheSm2Curve(String pem) {
        StringBuilder base64 = new StringBuilder();
        for (String line : pem.split("\\R")) {
            if (!line.startsWith("-----")) {
                base64.append(line.strip());
            }
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] oid = {0x06, 0x08, 0x2A, (byte) 0x81, 0x1C, (byte) 0xCF, 0x55, 0x01, (byte) 0x82, 0x2D};
        for (int i = 0; i + oid.length <= der.length; i++) {
            if (Arrays.equals(der, i, i + oid.length, oid, 0, oid.length)) {
                return true;
            }
        }
        return false;
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
