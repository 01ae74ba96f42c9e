package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.ResourceCipher;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * ShangMi (国密) for the whole client: SM2-with-SM3 signatures from SM2 platform certificates, SM2 sensitive fields,
 * {@code AEAD_SM4_GCM} resources, certificates downloaded with {@code algorithm_type=SM2}. A client speaks it when
 * built with an {@link Sm2PrivateKey} ({@code merchantKey(…)}); {@code PlatformKeys.builder().suite(INSTANCE)} reads
 * SM2 platform certificates for a notification parser of its own. Stateless and thread-safe.
 */
public final class ShangMiSuite implements CryptoSuite {
    /** The suite. */
    public static final ShangMiSuite INSTANCE = new ShangMiSuite();

    private ShangMiSuite() {}

    @Override
    public String name() {
        return "SM2";
    }

    @Override
    public String signatureAlgorithm() {
        return Sm2Signer.ALGORITHM;
    }

    /** {@code AEAD_SM4_GCM} with the SM4 key derived from {@code apiV3Key} ({@link Sm4GcmKey#fromApiV3Key}). */
    @Override
    public ResourceCipher resourceCipher(ApiV3Key apiV3Key) {
        return Sm4GcmKey.fromApiV3Key(apiV3Key);
    }

    @Override
    public boolean accepts(PublicKey key) {
        return key instanceof Sm2PublicKey;
    }

    @Override
    public boolean verify(PublicKey key, byte[] message, byte[] signature) {
        return sm2(key).verifyDer(message, signature);
    }

    /** The SM2 ciphertext WeChat Pay expects: ASN.1 {@code SEQUENCE {x, y, hash, ciphertext}}, Base64. */
    @Override
    public String encrypt(PublicKey key, String plaintext) {
        return sm2(key).encrypt(plaintext);
    }

    @Override
    public List<PlatformKey> certificates(String pem) {
        List<PlatformKey> keys = new ArrayList<>();
        for (Sm2Certificate certificate : Sm2Certificate.allFromPem(pem)) {
            keys.add(new PlatformKey(
                    certificate.serialNumber(),
                    certificate.publicKey(),
                    certificate.notBefore(),
                    certificate.notAfter()));
        }
        return keys;
    }

    private static Sm2PublicKey sm2(PublicKey key) {
        if (key instanceof Sm2PublicKey sm2) {
            return sm2;
        }
        throw new ConfigurationException("the platform key is "
                + (key == null ? "missing" : "a " + key.getAlgorithm() + " key")
                + ", not an SM2 key: a ShangMi client verifies and encrypts with SM2 platform certificates");
    }

    @Override
    public String toString() {
        return "CryptoSuite[SM2]";
    }
}
