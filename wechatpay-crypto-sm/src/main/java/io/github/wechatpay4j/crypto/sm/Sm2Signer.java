package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.Signer;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs requests with SM2-with-SM3 ({@code WECHATPAY2-SM2-WITH-SM3}): signer ID {@code 1234567812345678}, the
 * signature DER-encoded ({@code SEQUENCE {r, s}}) in standard Base64, as the official SDK's ShangMi module and OpenSSL
 * make it. Thread-safe: each signature uses its own Bouncy Castle signer and a fresh random {@code k}.
 */
public final class Sm2Signer implements Signer {
    /** The algorithm part of the {@code Authorization} scheme. */
    public static final String ALGORITHM = "SM2-WITH-SM3";

    private final Sm2PrivateKey key;
    private final SecureRandom random;

    /** A signer over {@code key}, with its own {@link SecureRandom}. */
    public Sm2Signer(Sm2PrivateKey key) {
        if (key == null) {
            throw new ConfigurationException("the SM2 private key is missing");
        }
        this.key = key;
        this.random = new SecureRandom();
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public String sign(byte[] message) {
        org.bouncycastle.crypto.signers.SM2Signer signer = new org.bouncycastle.crypto.signers.SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key.parameters(), random), Sm2.USER_ID));
        signer.update(message, 0, message.length);
        try {
            return Base64.getEncoder().encodeToString(signer.generateSignature());
        } catch (CryptoException e) {
            throw new ConfigurationException("the SM2 private key cannot sign (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "Sm2Signer[" + ALGORITHM + ", key hidden]";
    }
}
