package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.InvalidRequestException;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Base64;

/**
 * SHA256withRSA with the merchant's RSA private key ({@code apiclient_key.pem}). Thread-safe: each call uses its own
 * {@link Signature}. {@link #toString()} never shows the key.
 */
public final class RsaSigner implements Signer {
    public static final String ALGORITHM = "SHA256-RSA2048";

    private final PrivateKey privateKey;

    /**
     * @throws ConfigurationException when {@code privateKey} is null or not an RSA key
     */
    public RsaSigner(PrivateKey privateKey) {
        if (privateKey == null) {
            throw new ConfigurationException("the merchant private key is missing");
        }
        if (!(privateKey instanceof RSAKey) && !"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new ConfigurationException("the merchant private key must be an RSA key, got "
                    + privateKey.getAlgorithm() + "; WeChat Pay APIv3 merchant keys are RSA 2048 (apiclient_key.pem)");
        }
        this.privateKey = privateKey;
        // fail at construction, not on the first payment, when the key cannot sign: initialising a Signature checks
        // the key (type, encoding, length) without the cost of a first RSA signature in a fresh JVM (about 35 ms)
        try {
            Signature.getInstance("SHA256withRSA").initSign(privateKey);
        } catch (InvalidKeyException e) {
            throw unusable(e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(
                    "SHA256withRSA is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    private static ConfigurationException unusable(InvalidKeyException e) {
        return new ConfigurationException(
                "the merchant private key cannot sign: " + e.getClass().getSimpleName()
                        + "; check that apiclient_key.pem is an unencrypted RSA private key",
                e);
    }

    /** Loads the private key from PEM text (PKCS#8 or PKCS#1). */
    public static RsaSigner fromPem(String pem) {
        return new RsaSigner(Keys.privateKeyFromPem(pem));
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public String sign(byte[] message) {
        if (message == null) {
            throw new InvalidRequestException("there is no message to sign");
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (InvalidKeyException e) {
            throw unusable(e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(
                    "SHA256withRSA signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "RsaSigner[" + ALGORITHM + "]";
    }
}
