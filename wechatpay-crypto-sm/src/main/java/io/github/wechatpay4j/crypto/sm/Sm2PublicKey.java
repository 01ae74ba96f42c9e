package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.InvalidRequestException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An SM2 public key: a WeChat Pay platform certificate's (see {@link Sm2Certificate}) or a merchant's. Verifies
 * SM2-with-SM3 signatures (signer ID {@code 1234567812345678}, DER-encoded {@code r, s}) and encrypts sensitive fields
 * to WeChat Pay. Immutable and thread-safe.
 *
 * <p>A {@link PublicKey} of algorithm {@code SM2} (its encoding the X.509 {@code SubjectPublicKeyInfo} on
 * {@code sm2p256v1}), so that it can stand in a {@link io.github.wechatpay4j.crypto.PlatformKey}; no JCA provider is
 * involved.
 */
public final class Sm2PublicKey implements PublicKey {
    private static final long serialVersionUID = 1L;
    private static final int COORDINATE_BYTES = 32;

    // not serialisable state: writeReplace refuses Java serialisation, which WeChat Pay keys have no use for
    private final transient ECPublicKeyParameters key;
    private final transient SecureRandom random = new SecureRandom();

    private Sm2PublicKey(ECPublicKeyParameters key) {
        this.key = key;
    }

    static Sm2PublicKey of(ECPublicKeyParameters key) {
        return new Sm2PublicKey(key);
    }

    /**
     * The key in a {@code -----BEGIN PUBLIC KEY-----} PEM block.
     *
     * @throws ConfigurationException when it is not an SM2 public key
     */
    public static Sm2PublicKey fromPem(String pem) {
        byte[] der = Sm2.pem(pem, "SM2 public key", "PUBLIC KEY").getContent();
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new ConfigurationException("the SM2 public key is damaged: its DER does not parse ("
                    + e.getClass().getSimpleName() + ")");
        }
        return of(info, "SM2 public key");
    }

    static Sm2PublicKey of(SubjectPublicKeyInfo info, String what) {
        Sm2.requireSm2(info.getAlgorithm(), what);
        try {
            ECPoint q = Sm2.DOMAIN
                    .getCurve()
                    .decodePoint(info.getPublicKeyData().getOctets())
                    .normalize();
            return new Sm2PublicKey(new ECPublicKeyParameters(q, Sm2.DOMAIN));
        } catch (RuntimeException e) {
            throw new ConfigurationException("the " + what + " is not a point of the SM2 curve ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Whether {@code signature} (standard Base64 of DER {@code SEQUENCE {r, s}}) is this key's SM2-with-SM3 signature
     * of {@code message}. A malformed signature is {@code false}, never an exception.
     */
    public boolean verify(byte[] message, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verifyDer(message, der);
    }

    /** {@link #verify(byte[], String)} of the signature's DER bytes. */
    boolean verifyDer(byte[] message, byte[] der) {
        if (message == null || der == null) {
            return false;
        }
        SM2Signer verifier = new SM2Signer();
        try {
            verifier.init(false, new ParametersWithID(key, Sm2.USER_ID));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(der);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Encrypts a sensitive field to this key as WeChat Pay expects: SM2 (with SM3) over the UTF-8 bytes, written as
     * the ASN.1 {@code SEQUENCE {x, y, hash, ciphertext}} of GB/T 35276 in standard Base64.
     *
     * @throws InvalidRequestException when {@code plaintext} is null
     */
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            throw new InvalidRequestException("the sensitive field to encrypt is null");
        }
        byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(key, random));
        byte[] raw;
        try {
            raw = engine.processBlock(data, 0, data.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM2 encryption cannot fail on valid input", e);
        }
        int point = 1 + 2 * COORDINATE_BYTES;
        ASN1EncodableVector fields = new ASN1EncodableVector(4);
        fields.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + COORDINATE_BYTES))));
        fields.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + COORDINATE_BYTES, point))));
        fields.add(new DEROctetString(Arrays.copyOfRange(raw, point, point + 32)));
        fields.add(new DEROctetString(Arrays.copyOfRange(raw, point + 32, raw.length)));
        try {
            return Base64.getEncoder().encodeToString(new DERSequence(fields).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory cannot fail", e);
        }
    }

    /** The raw {@code C1 || C3 || C2} Bouncy Castle's engine reads, from the ASN.1 fields. */
    static byte[] c1c3c2(BigInteger x, BigInteger y, byte[] hash, byte[] ciphertext) {
        byte[] raw = new byte[1 + 2 * COORDINATE_BYTES + hash.length + ciphertext.length];
        raw[0] = 0x04;
        BigIntegers.asUnsignedByteArray(x, raw, 1, COORDINATE_BYTES);
        BigIntegers.asUnsignedByteArray(y, raw, 1 + COORDINATE_BYTES, COORDINATE_BYTES);
        System.arraycopy(hash, 0, raw, 1 + 2 * COORDINATE_BYTES, hash.length);
        System.arraycopy(ciphertext, 0, raw, 1 + 2 * COORDINATE_BYTES + hash.length, ciphertext.length);
        return raw;
    }

    ECPublicKeyParameters parameters() {
        return key;
    }

    @Override
    public String getAlgorithm() {
        return "SM2";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    /** The DER of its X.509 {@code SubjectPublicKeyInfo}: {@code id-ecPublicKey} on {@code sm2p256v1}. */
    @Override
    public byte[] getEncoded() {
        try {
            return new SubjectPublicKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                            key.getQ().getEncoded(false))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory cannot fail", e);
        }
    }

    private Object writeReplace() throws ObjectStreamException {
        throw new NotSerializableException("an Sm2PublicKey is not Java-serialisable: keep its PEM or getEncoded()");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sm2PublicKey other && key.getQ().equals(other.key.getQ());
    }

    @Override
    public int hashCode() {
        return key.getQ().hashCode();
    }

    @Override
    public String toString() {
        return "Sm2PublicKey[" + key.getQ().getAffineXCoord().toBigInteger().toString(16) + "]";
    }
}
