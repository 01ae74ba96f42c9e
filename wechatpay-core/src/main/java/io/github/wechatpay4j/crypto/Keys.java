package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.internal.Pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Loads keys and certificates from PEM: the merchant private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1
 * {@code RSA PRIVATE KEY}), WeChat Pay public keys (SPKI {@code PUBLIC KEY}, or PKCS#1 {@code RSA PUBLIC KEY}) and
 * platform certificates (X.509 {@code CERTIFICATE}). Bare Base64 without BEGIN/END lines is accepted for keys.
 *
 * <p>Every problem is a {@link ConfigurationException} that says what was found and what is expected: an encrypted
 * key, an EC key, a certificate given as a key, truncated or damaged input. Key material never appears in a message.
 */
public final class Keys {
    private static final String PRIVATE = "merchant private key";
    private static final String PUBLIC = "WeChat Pay public key";
    private static final String CERT = "platform certificate";

    private Keys() {}

    // ---------------------------------------------------------------- private keys

    public static PrivateKey privateKeyFromPem(String pem) {
        String text = requireText(pem, PRIVATE);
        if (!text.contains("-----BEGIN ")) {
            return rsaPrivate(Pem.decodeBase64(text, PRIVATE), PRIVATE);
        }
        for (Pem.Block block : Pem.parse(text, PRIVATE)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return rsaPrivate(block.der(), PRIVATE);
                case "RSA PRIVATE KEY":
                    if (block.legacyEncrypted()) {
                        throw encrypted();
                    }
                    return rsaPrivate(Pem.pkcs1PrivateToPkcs8(block.der()), PRIVATE);
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted();
                case "EC PRIVATE KEY":
                    if (namesSm2(block.der())) {
                        throw sm2(PRIVATE);
                    }
                    throw new ConfigurationException("the " + PRIVATE + " is an EC key; WeChat Pay APIv3 merchant keys"
                            + " are RSA 2048: use apiclient_key.pem from the merchant platform");
                case "CERTIFICATE":
                    throw new ConfigurationException("the " + PRIVATE + " is a certificate (BEGIN CERTIFICATE), not a"
                            + " private key: use apiclient_key.pem, not apiclient_cert.pem");
                case "PUBLIC KEY":
                case "RSA PUBLIC KEY":
                    throw new ConfigurationException("the " + PRIVATE + " is a public key (BEGIN " + block.label()
                            + "); the merchant private key is apiclient_key.pem");
                default:
                // not a key block (for example EC PARAMETERS): look at the next one
            }
        }
        throw new ConfigurationException("no private key found in the " + PRIVATE + " text: expected a PEM block"
                + " 'BEGIN PRIVATE KEY' (PKCS#8) or 'BEGIN RSA PRIVATE KEY' (PKCS#1)");
    }

    public static PrivateKey privateKeyFromFile(Path file) {
        return privateKeyFromPem(readFile(file, PRIVATE));
    }

    public static PrivateKey privateKeyFromStream(InputStream in) {
        return privateKeyFromPem(readStream(in, PRIVATE));
    }

    private static ConfigurationException encrypted() {
        return new ConfigurationException("the " + PRIVATE + " is encrypted with a passphrase; give the unencrypted"
                + " key, for example from 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out apiclient_key.pem'");
    }

    private static PrivateKey rsaPrivate(byte[] pkcs8, String what) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (namesSm2(pkcs8)) {
                throw sm2(what);
            }
            String other = otherAlgorithm(pkcs8, true);
            if (other != null) {
                throw new ConfigurationException("the " + what + " is an " + other + " key; WeChat Pay APIv3 merchant"
                        + " keys are RSA 2048: use apiclient_key.pem from the merchant platform");
            }
            throw new ConfigurationException(
                    "the " + what + " could not be read as an RSA private key: the data is"
                            + " truncated or damaged; copy the whole apiclient_key.pem again",
                    e);
        }
    }

    // ---------------------------------------------------------------- public keys

    public static PublicKey publicKeyFromPem(String pem) {
        String text = requireText(pem, PUBLIC);
        if (!text.contains("-----BEGIN ")) {
            return rsaPublic(Pem.decodeBase64(text, PUBLIC));
        }
        for (Pem.Block block : Pem.parse(text, PUBLIC)) {
            switch (block.label()) {
                case "PUBLIC KEY":
                    return rsaPublic(block.der());
                case "RSA PUBLIC KEY":
                    return rsaPublic(Pem.pkcs1PublicToSpki(block.der()));
                case "CERTIFICATE":
                    throw new ConfigurationException("the " + PUBLIC + " is a certificate (BEGIN CERTIFICATE):"
                            + " configure it as a platform certificate, or give pub_key.pem with 'BEGIN PUBLIC KEY'");
                case "PRIVATE KEY":
                case "RSA PRIVATE KEY":
                case "ENCRYPTED PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new ConfigurationException("a private key was given where the " + PUBLIC + " was expected:"
                            + " download pub_key.pem ('BEGIN PUBLIC KEY') from the merchant platform");
                default:
                // look at the next block
            }
        }
        throw new ConfigurationException(
                "no public key found in the " + PUBLIC + " text: expected a PEM block" + " 'BEGIN PUBLIC KEY'");
    }

    public static PublicKey publicKeyFromFile(Path file) {
        return publicKeyFromPem(readFile(file, PUBLIC));
    }

    private static PublicKey rsaPublic(byte[] spki) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (namesSm2(spki)) {
                throw new ConfigurationException("the " + PUBLIC + " is an SM2 (ShangMi) key; WeChat Pay public keys"
                        + " are RSA: a ShangMi merchant verifies with SM2 platform certificates (autoCertificates() or"
                        + " platformCertificates(...)) and wechatpay-crypto-sm");
            }
            String other = otherAlgorithm(spki, false);
            if (other != null) {
                throw new ConfigurationException("the " + PUBLIC + " is an " + other + " key; this verifier needs"
                        + " the RSA public key (pub_key.pem)");
            }
            throw new ConfigurationException(
                    "the " + PUBLIC + " could not be read as an RSA public key: the data is"
                            + " truncated or damaged; copy the whole pub_key.pem again",
                    e);
        }
    }

    /** The DER encoding of the SM2 curve's OID, 1.2.156.10197.1.301 ({@code sm2p256v1}, GB/T 35276). */
    private static final byte[] SM2_CURVE_OID = {
        0x06, 0x08, 0x2A, (byte) 0x81, 0x1C, (byte) 0xCF, 0x55, 0x01, (byte) 0x82, 0x2D
    };

    /** Whether {@code der} (a key's encoding) names the SM2 curve. */
    private static boolean namesSm2(byte[] der) {
        outer:
        for (int i = 0; i + SM2_CURVE_OID.length <= der.length; i++) {
            for (int j = 0; j < SM2_CURVE_OID.length; j++) {
                if (der[i + j] != SM2_CURVE_OID[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static ConfigurationException sm2(String what) {
        return new ConfigurationException("the " + what + " is an SM2 (ShangMi) key: add wechatpay-crypto-sm, read it"
                + " with Sm2PrivateKey.fromPem(...) or fromFile(...) and give it to merchantKey(...)");
    }

    private static String otherAlgorithm(byte[] der, boolean isPrivate) {
        for (String alg : new String[] {"EC", "Ed25519", "DSA"}) {
            try {
                KeyFactory kf = KeyFactory.getInstance(alg);
                if (isPrivate) {
                    kf.generatePrivate(new PKCS8EncodedKeySpec(der));
                } else {
                    kf.generatePublic(new X509EncodedKeySpec(der));
                }
                return alg;
            } catch (GeneralSecurityException | RuntimeException ignored) {
                // not this algorithm either
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- certificates

    /** The first certificate in {@code pem}. */
    public static X509Certificate certificateFromPem(String pem) {
        return certificatesFromPem(pem).get(0);
    }

    /** Every certificate in {@code pem} (at least one). */
    public static List<X509Certificate> certificatesFromPem(String pem) {
        String text = requireText(pem, CERT);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Pem.Block block : Pem.parse(text, CERT)) {
            if (block.label().equals("CERTIFICATE")) {
                certificates.add(certificate(block.der()));
            } else if (block.label().contains("PRIVATE KEY")) {
                throw new ConfigurationException("a private key was given where a " + CERT + " was expected: never"
                        + " hand a private key to the verifier; give the platform certificate ('BEGIN CERTIFICATE')");
            } else if (block.label().contains("PUBLIC KEY")) {
                throw new ConfigurationException("a public key was given where a " + CERT + " was expected: configure"
                        + " it as a WeChat Pay public key with its PUB_KEY_ID_…");
            }
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(
                    "no certificate found in the " + CERT + " text: expected a PEM block" + " 'BEGIN CERTIFICATE'");
        }
        return List.copyOf(certificates);
    }

    public static X509Certificate certificateFromFile(Path file) {
        return certificateFromPem(readFile(file, CERT));
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new ConfigurationException(
                    "the " + CERT + " could not be parsed as X.509: the data is truncated or" + " damaged", e);
        }
    }

    /**
     * The certificate serial number as WeChat Pay writes it: upper-case hex of the serial's bytes, leading zeros kept
     * ({@code BigInteger.toString(16)} would drop them and never match {@code Wechatpay-Serial}).
     */
    public static String serialNumber(X509Certificate certificate) {
        if (certificate == null) {
            throw new ConfigurationException("the certificate is missing");
        }
        byte[] bytes = certificate.getSerialNumber().toByteArray();
        int from = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // drop the DER sign byte only
        return HexFormat.of().withUpperCase().formatHex(bytes, from, bytes.length);
    }

    /** Upper-case form of a serial number or public key ID, for comparison. */
    public static String normalizeSerial(String serial) {
        if (serial == null) {
            throw new ConfigurationException("a serial number or public key ID is missing");
        }
        return serial.strip().toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- input helpers

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("the " + what + " is empty: give the PEM file's text");
        }
        String t = text.strip();
        if (!t.contains("-----")
                && t.length() < 260
                && (t.endsWith(".pem")
                        || t.endsWith(".crt")
                        || t.indexOf('/') >= 0 && t.indexOf('.') >= 0
                        || t.indexOf('\\') >= 0)) {
            throw new ConfigurationException("the " + what + " text looks like a file name ('" + t + "'): pass the"
                    + " file as a Path (Path.of(\"" + t + "\")), or pass the file's PEM text");
        }
        return text;
    }

    private static String readFile(Path file, String what) {
        if (file == null) {
            throw new ConfigurationException("the " + what + " file path is missing");
        }
        try {
            // ISO-8859-1 maps every byte, so a binary (DER) file reaches the PEM parser and gets its message there
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException(
                    "cannot read the " + what + " file " + file + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private static String readStream(InputStream in, String what) {
        if (in == null) {
            throw new ConfigurationException("the " + what + " stream is missing");
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException(
                    "cannot read the " + what + " stream: " + e.getClass().getSimpleName(), e);
        }
    }
}
