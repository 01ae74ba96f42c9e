package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * SM2 (GB/T 32918-2016) on its recommended curve {@code sm2p256v1}, the fake's own: affine point arithmetic over
 * {@link BigInteger} and {@link Sm3}, written from the standard so that the fake shares no implementation with the
 * client's {@code wechatpay-crypto-sm} (Bouncy Castle's engines). Slow (milliseconds per operation) and plain, which
 * is what a test server needs. Bouncy Castle's ASN.1 classes only write and read the DER structures around it.
 *
 * <p>Signatures use the signer ID {@code 1234567812345678} and DER {@code SEQUENCE {r, s}}; ciphertexts are the
 * {@code SEQUENCE {x, y, hash, ciphertext}} of GB/T 35276 (C1, C3, C2), as WeChat Pay writes them.
 */
final class FakeSm2 {
    static final BigInteger P = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF");
    static final BigInteger A = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC");
    static final BigInteger B = hex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");
    static final BigInteger N = hex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");
    static final Point G = new Point(
            hex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"),
            hex("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0"));
    private static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private FakeSm2() {}

    /** An affine point; {@code null} stands for the point at infinity. */
    record Point(BigInteger x, BigInteger y) {
        /** The uncompressed encoding {@code 04 || x || y}. */
        byte[] encoded() {
            byte[] out = new byte[65];
            out[0] = 4;
            System.arraycopy(bytes32(x), 0, out, 1, 32);
            System.arraycopy(bytes32(y), 0, out, 33, 32);
            return out;
        }

        static Point decode(byte[] encoded) {
            if (encoded.length != 65 || encoded[0] != 4) {
                throw new IllegalArgumentException("not an uncompressed SM2 point");
            }
            Point p = new Point(
                    new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(encoded, 33, 65)));
            if (!p.onCurve()) {
                throw new IllegalArgumentException("not a point of the SM2 curve");
            }
            return p;
        }

        boolean onCurve() {
            return y.pow(2).subtract(x.pow(3).add(A.multiply(x)).add(B)).mod(P).signum() == 0;
        }
    }

    /** An SM2 key pair: the secret {@code d} and the point {@code q = d·G}. */
    record KeyPair(BigInteger d, Point q) {
        static KeyPair generate(SecureRandom random) {
            BigInteger d = scalar(random, N.subtract(BigInteger.TWO));
            return new KeyPair(d, multiply(G, d));
        }

        @Override
        public String toString() {
            return "FakeSm2.KeyPair[hidden]";
        }
    }

    // ------------------------------------------------------------------ signatures

    /** The DER {@code SEQUENCE {r, s}} of the SM2-with-SM3 signature of {@code message}, in Base64. */
    static String sign(KeyPair key, byte[] message, SecureRandom random) {
        BigInteger e = new BigInteger(1, Sm3.digest(concat(z(key.q()), message)));
        while (true) {
            BigInteger k = scalar(random, N.subtract(BigInteger.ONE));
            BigInteger r = e.add(multiply(G, k).x()).mod(N);
            if (r.signum() == 0 || r.add(k).equals(N)) {
                continue;
            }
            BigInteger s = BigInteger.ONE
                    .add(key.d())
                    .modInverse(N)
                    .multiply(k.subtract(r.multiply(key.d())))
                    .mod(N);
            if (s.signum() != 0) {
                return Base64.getEncoder().encodeToString(der(new ASN1Integer(r), new ASN1Integer(s)));
            }
        }
    }

    /** Whether {@code signature} (Base64 DER) is {@code q}'s SM2-with-SM3 signature of {@code message}. */
    static boolean verify(Point q, byte[] message, String signature) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(Base64.getDecoder().decode(signature));
            if (seq.size() != 2) {
                return false;
            }
            r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        } catch (RuntimeException e) {
            return false;
        }
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger t = r.add(s).mod(N);
        if (t.signum() == 0) {
            return false;
        }
        Point point = add(multiply(G, s), multiply(q, t));
        if (point == null) {
            return false;
        }
        BigInteger e = new BigInteger(1, Sm3.digest(concat(z(q), message)));
        return e.add(point.x()).mod(N).equals(r);
    }

    /** Z_A of GB/T 32918.2: SM3 of the signer ID's bit length, the ID, the curve and the public key. */
    private static byte[] z(Point q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = USER_ID.length * 8;
        out.write(bits >>> 8);
        out.write(bits);
        out.writeBytes(USER_ID);
        for (BigInteger v : new BigInteger[] {A, B, G.x(), G.y(), q.x(), q.y()}) {
            out.writeBytes(bytes32(v));
        }
        return Sm3.digest(out.toByteArray());
    }

    // ------------------------------------------------------------------ encryption

    /** {@code plaintext} encrypted to {@code q}: Base64 of the ASN.1 {@code SEQUENCE {x, y, hash, ciphertext}}. */
    static String encrypt(Point q, byte[] plaintext, SecureRandom random) {
        while (true) {
            BigInteger k = scalar(random, N.subtract(BigInteger.ONE));
            Point c1 = multiply(G, k);
            Point shared = multiply(q, k);
            byte[] t = kdf(concat(bytes32(shared.x()), bytes32(shared.y())), plaintext.length);
            if (isZero(t) && plaintext.length > 0) {
                continue;
            }
            byte[] c2 = new byte[plaintext.length];
            for (int i = 0; i < c2.length; i++) {
                c2[i] = (byte) (plaintext[i] ^ t[i]);
            }
            byte[] c3 = Sm3.digest(concat(bytes32(shared.x()), plaintext, bytes32(shared.y())));
            return Base64.getEncoder()
                    .encodeToString(der(
                            new ASN1Integer(c1.x()),
                            new ASN1Integer(c1.y()),
                            new DEROctetString(c3),
                            new DEROctetString(c2)));
        }
    }

    /**
     * The plaintext of a Base64 ASN.1 SM2 ciphertext for {@code key}.
     *
     * @throws IllegalArgumentException when it is not such a ciphertext, or not for this key
     */
    static byte[] decrypt(KeyPair key, String ciphertext) {
        Point c1;
        byte[] c3;
        byte[] c2;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(Base64.getDecoder().decode(ciphertext));
            if (seq.size() != 4) {
                throw new IllegalArgumentException("not 4 fields");
            }
            c1 = new Point(
                    ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(seq.getObjectAt(1)).getValue());
            c3 = ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets();
            c2 = ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an SM2 ciphertext: " + e.getMessage(), e);
        }
        if (!c1.onCurve()) {
            throw new IllegalArgumentException("C1 is not a point of the SM2 curve");
        }
        Point shared = multiply(c1, key.d());
        byte[] t = kdf(concat(bytes32(shared.x()), bytes32(shared.y())), c2.length);
        byte[] m = new byte[c2.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) (c2[i] ^ t[i]);
        }
        byte[] expected = Sm3.digest(concat(bytes32(shared.x()), m, bytes32(shared.y())));
        if (!java.security.MessageDigest.isEqual(expected, c3)) {
            throw new IllegalArgumentException("the SM2 ciphertext's hash does not match: another key, or altered");
        }
        return m;
    }

    /** The key derivation function of GB/T 32918.4: SM3 over {@code z || counter}, counter from 1. */
    private static byte[] kdf(byte[] z, int length) {
        byte[] out = new byte[length];
        int counter = 1;
        for (int offset = 0; offset < length; offset += 32, counter++) {
            byte[] block = Sm3.digest(concat(z, new byte[] {
                (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
            }));
            System.arraycopy(block, 0, out, offset, Math.min(32, length - offset));
        }
        return out;
    }

    // ------------------------------------------------------------------ the curve

    static Point multiply(Point p, BigInteger k) {
        Point result = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, p);
            }
        }
        return result;
    }

    static Point add(Point p, Point q) {
        if (p == null) {
            return q;
        }
        if (q == null) {
            return p;
        }
        BigInteger lambda;
        if (p.x().equals(q.x())) {
            if (!p.y().equals(q.y()) || p.y().signum() == 0) {
                return null; // p + (-p)
            }
            lambda = p.x().pow(2)
                    .multiply(BigInteger.valueOf(3))
                    .add(A)
                    .multiply(p.y().shiftLeft(1).modInverse(P))
                    .mod(P);
        } else {
            lambda = q.y().subtract(p.y())
                    .multiply(q.x().subtract(p.x()).modInverse(P))
                    .mod(P);
        }
        BigInteger x = lambda.pow(2).subtract(p.x()).subtract(q.x()).mod(P);
        BigInteger y = lambda.multiply(p.x().subtract(x)).subtract(p.y()).mod(P);
        return new Point(x, y);
    }

    /** A uniform scalar in [1, max]. */
    private static BigInteger scalar(SecureRandom random, BigInteger max) {
        while (true) {
            BigInteger k = new BigInteger(256, random);
            if (k.signum() > 0 && k.compareTo(max) <= 0) {
                return k;
            }
        }
    }

    static byte[] bytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Encodable... fields) {
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static BigInteger hex(String s) {
        return new BigInteger(s, 16);
    }
}
