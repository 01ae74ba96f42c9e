package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An SM2 X.509 certificate as WeChat Pay uses it: a ShangMi platform certificate (or a merchant's), its serial in
 * upper-case hex as {@code Wechatpay-Serial} carries it, its validity and its SM2 public key. Read with Bouncy Castle's
 * ASN.1 classes: the JDK's {@code CertificateFactory} cannot give an SM2 key without a JCA provider.
 *
 * @param serialNumber the serial, upper-case hex of its bytes (leading zeros kept), as {@code Wechatpay-Serial} names it
 * @param notBefore    the start of its validity
 * @param notAfter     the end of its validity
 * @param publicKey    its SM2 key
 */
public record Sm2Certificate(String serialNumber, Instant notBefore, Instant notAfter, Sm2PublicKey publicKey) {
    private static final String WHAT = "SM2 certificate";

    /**
     * The first certificate in {@code pem}.
     *
     * @throws ConfigurationException when it is not an X.509 certificate with an SM2 key
     */
    public static Sm2Certificate fromPem(String pem) {
        return of(Sm2.pem(pem, WHAT, "CERTIFICATE").getContent());
    }

    /**
     * Every certificate in {@code pem}, at least one.
     *
     * @throws ConfigurationException when one is not an X.509 certificate with an SM2 key
     */
    public static List<Sm2Certificate> allFromPem(String pem) {
        List<Sm2Certificate> all = new ArrayList<>();
        for (PemObject block : Sm2.blocks(pem, WHAT, false, "CERTIFICATE")) {
            all.add(of(block.getContent()));
        }
        return List.copyOf(all);
    }

    private static Sm2Certificate of(byte[] der) {
        String serial;
        Instant notBefore;
        Instant notAfter;
        SubjectPublicKeyInfo key;
        try {
            Certificate c = Certificate.getInstance(der);
            byte[] bytes = c.getSerialNumber().getValue().toByteArray();
            int from = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // the DER sign byte only: leading zeros stay
            serial = HexFormat.of().withUpperCase().formatHex(bytes, from, bytes.length);
            notBefore = c.getStartDate().getDate().toInstant();
            notAfter = c.getEndDate().getDate().toInstant();
            key = c.getSubjectPublicKeyInfo();
        } catch (RuntimeException e) { // the DER, or a validity date that does not read
            throw new ConfigurationException("the " + WHAT + " is damaged: its DER does not parse ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new Sm2Certificate(serial, notBefore, notAfter, Sm2PublicKey.of(key, WHAT));
    }

    /** Whether {@code at} is within its validity. */
    public boolean isValidAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
