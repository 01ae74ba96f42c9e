package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What WeChat Pay's SM2 fixes: the curve, the signer ID, and reading PEM blocks. */
final class Sm2 {
    /**
     * The SM2 curve (GB/T 32918.5, {@code sm2p256v1}) in Bouncy Castle's specialised implementation (fixed-size field
     * arithmetic for this prime), not the generic curve of {@code GMNamedCurves}: same points, a fifth to a sixth of
     * the time per signature, verification and decryption ({@code ShangMiMicroBenchmarks}).
     */
    static final ECDomainParameters DOMAIN = domain();

    /** The signer ID of SM2 signatures: GB/T 35276's default, which WeChat Pay uses. */
    static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private Sm2() {}

    private static ECDomainParameters domain() {
        X9ECParameters p = CustomNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        return new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
    }

    /** The first PEM block of {@code text} whose type is one of {@code types}; {@code what} names it in errors. */
    static PemObject pem(String text, String what, String... types) {
        return blocks(text, what, true, types).get(0);
    }

    /**
     * The PEM blocks of {@code text} whose type is one of {@code types} (only the first when {@code first}), at least
     * one; {@code what} names them in errors.
     */
    static List<PemObject> blocks(String text, String what, boolean first, String... types) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("the " + what + " is missing");
        }
        List<PemObject> found = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                for (String type : types) {
                    if (type.equals(block.getType())) {
                        found.add(block);
                        if (first) {
                            return found;
                        }
                    }
                }
                if (block.getType().startsWith("ENCRYPTED")
                        || block.getHeaders().size() > 0) {
                    throw new ConfigurationException("the " + what + " is encrypted: export it without a"
                            + " passphrase (openssl pkcs8 -topk8 -nocrypt) and keep the file protected instead");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigurationException c) {
                throw c;
            }
            throw new ConfigurationException("the " + what + " is not readable PEM ("
                    + e.getClass().getSimpleName() + "); expected -----BEGIN " + types[0] + "-----");
        }
        if (!found.isEmpty()) {
            return found;
        }
        throw new ConfigurationException(
                "the " + what + " has no -----BEGIN " + String.join("/", types) + "----- block");
    }

    /** Checks that an EC key's algorithm names the SM2 curve; otherwise says what the key is instead. */
    static void requireSm2(AlgorithmIdentifier algorithm, String what) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(oid) && !GMObjectIdentifiers.sm2p256v1.equals(oid)) {
            String kind = "1.2.840.113549.1.1.1".equals(oid.getId()) ? "an RSA key" : "a key of algorithm " + oid;
            throw new ConfigurationException("the " + what + " is " + kind + ", not an SM2 key: a ShangMi merchant"
                    + " uses the SM2 key of its ShangMi API certificate");
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)
                && !GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters())) {
            throw new ConfigurationException("the " + what + " is an EC key on another curve ("
                    + algorithm.getParameters() + "), not on SM2's sm2p256v1");
        }
    }
}
