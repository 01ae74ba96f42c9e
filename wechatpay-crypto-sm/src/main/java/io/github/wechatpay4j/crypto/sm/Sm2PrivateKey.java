package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.Signer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A merchant's SM2 private key (the key of its ShangMi API certificate), read from PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}) or SEC 1 ({@code -----BEGIN EC PRIVATE KEY-----}). Signs through
 * {@link Sm2Signer} and decrypts the sensitive fields WeChat Pay encrypts to the merchant. Immutable and thread-safe;
 * {@link #toString()} never shows the key.
 */
public final class Sm2PrivateKey implements MerchantKey {
    private static final String WHAT = "SM2 private key";

    private final ECPrivateKeyParameters key;
    private final Sm2Signer signer;

    private Sm2PrivateKey(ECPrivateKeyParameters key) {
        this.key = key;
        this.signer = new Sm2Signer(this);
    }

    /**
     * The key in {@code pem}.
     *
     * @throws ConfigurationException when it is not an unencrypted SM2 private key
     */
    public static Sm2PrivateKey fromPem(String pem) {
        var block = Sm2.pem(pem, WHAT, "PRIVATE KEY", "EC PRIVATE KEY");
        BigInteger d;
        try {
            if (block.getType().equals("PRIVATE KEY")) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(block.getContent());
                Sm2.requireSm2(info.getPrivateKeyAlgorithm(), WHAT);
                d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
            } else {
                ECPrivateKey sec1 = ECPrivateKey.getInstance(block.getContent());
                if (sec1.getParametersObject() != null) { // SEC 1 names its curve: it must be SM2's
                    Sm2.requireSm2(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                            WHAT);
                }
                d = sec1.getKey();
            }
        } catch (ConfigurationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("the " + WHAT + " is damaged: its DER does not parse ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (d.signum() <= 0 || d.compareTo(Sm2.DOMAIN.getN()) >= 0) {
            throw new ConfigurationException("the " + WHAT + " is out of the SM2 curve's range: not an SM2 key");
        }
        return new Sm2PrivateKey(new ECPrivateKeyParameters(d, Sm2.DOMAIN));
    }

    /** The key in the PEM file at {@code file} ({@code apiclient_key.pem}). */
    public static Sm2PrivateKey fromFile(Path file) {
        if (file == null) {
            throw new ConfigurationException("the " + WHAT + " file is missing");
        }
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ConfigurationException(
                    "cannot read the " + WHAT + " file " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /** Signs requests with this key: {@code SM2-WITH-SM3}. */
    @Override
    public Signer signer() {
        return signer;
    }

    /** The ShangMi suite: SM2 platform certificates, SM2 sensitive fields, {@code AEAD_SM4_GCM} resources. */
    @Override
    public CryptoSuite suite() {
        return ShangMiSuite.INSTANCE;
    }

    /** Its public key (the point d·G). */
    public Sm2PublicKey publicKey() {
        return Sm2PublicKey.of(
                new ECPublicKeyParameters(Sm2.DOMAIN.getG().multiply(key.getD()).normalize(), Sm2.DOMAIN));
    }

    ECPrivateKeyParameters parameters() {
        return key;
    }

    /**
     * Decrypts a sensitive field WeChat Pay encrypted to this key: standard Base64 of the ASN.1 SM2 ciphertext
     * (GB/T 35276: {@code SEQUENCE {x, y, hash, ciphertext}}, the layout {@link Sm2PublicKey#encrypt} writes).
     *
     * @throws DecryptionException when it is not such a ciphertext or not for this key
     */
    @Override
    public String decrypt(String ciphertext) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(ciphertext == null ? "" : ciphertext.strip());
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("the SM2 ciphertext is not standard Base64");
        }
        byte[] raw;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            if (seq.size() != 4) {
                throw new IllegalArgumentException("not 4 fields");
            }
            raw = Sm2PublicKey.c1c3c2(
                    ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(),
                    ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets(),
                    ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets());
        } catch (RuntimeException e) {
            throw new DecryptionException("the SM2 ciphertext is not the ASN.1 SEQUENCE {x, y, hash, ciphertext}"
                    + " WeChat Pay writes (" + e.getClass().getSimpleName() + ")");
        }
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        try {
            engine.init(false, key);
            return new String(engine.processBlock(raw, 0, raw.length), StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new DecryptionException("SM2 decryption failed: the ciphertext was not made for this merchant's"
                    + " SM2 key, or it was altered");
        }
    }

    @Override
    public String toString() {
        return "Sm2PrivateKey[hidden]";
    }
}
