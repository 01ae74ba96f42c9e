package io.github.wechatpay4j.crypto;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysTest {
    private static KeyPair rsa;
    private static String pkcs8;
    private static String secretBase64;

    @BeforeAll
    static void keys() {
        rsa = Fixtures.rsa();
        pkcs8 = Fixtures.pem("PRIVATE KEY", rsa.getPrivate().getEncoded());
        secretBase64 = Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded());
    }

    /** PKCS#1 RSAPrivateKey is the OCTET STRING inside a 2048-bit PKCS#8 PrivateKeyInfo, after 26 header bytes. */
    private static byte[] pkcs1(PrivateKey key) {
        byte[] der = key.getEncoded();
        assertEquals(0x04, der[22], "PKCS#8 layout");
        return Arrays.copyOfRange(der, 26, der.length);
    }

    private static ConfigurationException fails(String pem) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Keys.privateKeyFromPem(pem));
        assertFalse(e.getMessage().contains(secretBase64.substring(20, 60)), "message leaks key material");
        return e;
    }

    @Test
    void readsPkcs8() {
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromPem(pkcs8));
    }

    @Test
    void readsPkcs1WithCrlfAndSurroundingText() {
        String pem = "Bag Attributes\r\n    localKeyID: 01\r\n"
                + Fixtures.pem("RSA PRIVATE KEY", pkcs1(rsa.getPrivate())).replace("\n", "\r\n")
                + "\r\ntrailing text\r\n";
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromPem(pem));
    }

    @Test
    void readsOldMacLineEndsAndMixedOnes() {
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromPem(pkcs8.replace("\n", "\r")));
        String mixed = pkcs8.replaceFirst("\n", "\r").replaceFirst("\n", "\r\n");
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromPem("\n\r" + mixed + "\r"));
    }

    @Test
    void readsBareBase64AndFilesAndStreams(@TempDir Path dir) throws Exception {
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromPem(secretBase64));
        Path file = dir.resolve("apiclient_key.pem");
        Files.writeString(file, pkcs8);
        assertEquals(rsa.getPrivate(), Keys.privateKeyFromFile(file));
        assertEquals(
                rsa.getPrivate(),
                Keys.privateKeyFromStream(new ByteArrayInputStream(pkcs8.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aFileNameGivenAsPemTextIsRecognised() {
        ConfigurationException e = fails("/etc/wechatpay/apiclient_key.pem");
        assertTrue(e.getMessage().contains("Path.of"), e.getMessage());
        assertTrue(fails("apiclient_key.pem").getMessage().contains("file name"));
    }

    @Test
    void missingFileSaysWhichFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pem");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Keys.privateKeyFromFile(missing));
        assertTrue(e.getMessage().contains("nope.pem"), e.getMessage());
    }

    @Test
    void binaryDerFileIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.der");
        Files.write(file, rsa.getPrivate().getEncoded());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Keys.privateKeyFromFile(file));
        assertTrue(e.getMessage().contains("not valid Base64"), e.getMessage());
    }

    @Test
    void encryptedPkcs8IsRefusedWithTheFix() {
        ConfigurationException e = fails(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }

    @Test
    void encryptedLegacyPkcs1IsRefused() {
        String pem =
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"
                        + Base64.getMimeEncoder().encodeToString(pkcs1(rsa.getPrivate()))
                        + "\n-----END RSA PRIVATE KEY-----\n";
        assertTrue(fails(pem).getMessage().contains("encrypted"));
    }

    @Test
    void ecKeysAreRefusedAsNotRsa() {
        KeyPair ec = Fixtures.ec();
        assertTrue(fails(Fixtures.pem("PRIVATE KEY", ec.getPrivate().getEncoded()))
                .getMessage()
                .contains("EC key"));
        assertTrue(fails("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n")
                .getMessage()
                .contains("EC key"));
        ConfigurationException pub = assertThrows(
                ConfigurationException.class,
                () -> Keys.publicKeyFromPem(
                        Fixtures.pem("PUBLIC KEY", ec.getPublic().getEncoded())));
        assertTrue(pub.getMessage().contains("EC key"), pub.getMessage());
    }

    @Test
    void aCertificateGivenAsTheKeyIsNamed() throws Exception {
        X509Certificate cert = Fixtures.certificate(rsa, BigInteger.TEN, Instant.now(), Duration.ofDays(1));
        ConfigurationException e = fails(Fixtures.pem("CERTIFICATE", cert.getEncoded()));
        assertTrue(
                e.getMessage().contains("certificate") && e.getMessage().contains("apiclient_key.pem"), e.getMessage());
    }

    @Test
    void aPublicKeyGivenAsThePrivateKeyIsNamed() {
        assertTrue(fails(Fixtures.pem("PUBLIC KEY", rsa.getPublic().getEncoded()))
                .getMessage()
                .contains("public key"));
    }

    @Test
    void truncatedInputIsRefused() {
        String noEnd = pkcs8.substring(0, pkcs8.indexOf("-----END"));
        assertTrue(fails(noEnd).getMessage().contains("truncated"), "no END line");
        String[] lines = pkcs8.split("\n");
        String shortened = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1] + "\n";
        assertTrue(fails(shortened).getMessage().contains("truncated or damaged"));
    }

    @Test
    void garbageEmptyAndMismatchedInputAreRefused() {
        assertTrue(fails("").getMessage().contains("empty"));
        assertTrue(fails(null).getMessage().contains("empty"));
        assertTrue(fails("hello, I am not a key!").getMessage().contains("not valid Base64"));
        assertTrue(fails("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n")
                .getMessage()
                .contains("not valid Base64"));
        assertTrue(fails("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")
                .getMessage()
                .contains("different END"));
        assertTrue(fails("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n")
                .getMessage()
                .contains("no private key"));
    }

    @Test
    void readsPublicKeysInSpkiAndPkcs1() {
        assertEquals(
                rsa.getPublic(),
                Keys.publicKeyFromPem(Fixtures.pem("PUBLIC KEY", rsa.getPublic().getEncoded())));
        byte[] spki = rsa.getPublic().getEncoded();
        // PKCS#1 RSAPublicKey is the BIT STRING content of a 2048-bit SPKI, after 24 header bytes
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        assertEquals(rsa.getPublic(), Keys.publicKeyFromPem(Fixtures.pem("RSA PUBLIC KEY", pkcs1)));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Keys.publicKeyFromPem(pkcs8));
        assertTrue(e.getMessage().contains("private key was given"), e.getMessage());
    }

    @Test
    void certificateSerialKeepsLeadingZeros() throws Exception {
        X509Certificate cert = Fixtures.certificate(
                rsa, new BigInteger("0ABC0000000000000000000000000000000000EF", 16), Instant.now(), Duration.ofDays(1));
        assertEquals("0ABC0000000000000000000000000000000000EF", Keys.serialNumber(cert));
        X509Certificate high = Fixtures.certificate(
                rsa, new BigInteger("9F00000000000000000000000000000000000001", 16), Instant.now(), Duration.ofDays(1));
        assertEquals("9F00000000000000000000000000000000000001", Keys.serialNumber(high));
        String pem = Fixtures.pem("CERTIFICATE", cert.getEncoded()) + Fixtures.pem("CERTIFICATE", high.getEncoded());
        assertEquals(2, Keys.certificatesFromPem(pem).size());
    }

    @Test
    void certificatesRefuseKeysAndGarbage() {
        assertThrows(ConfigurationException.class, () -> Keys.certificateFromPem(pkcs8));
        assertThrows(
                ConfigurationException.class,
                () -> Keys.certificateFromPem(
                        Fixtures.pem("PUBLIC KEY", rsa.getPublic().getEncoded())));
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Keys.certificateFromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().contains("X.509"), e.getMessage());
    }

    @Test
    void signerRefusesNonRsaAndHidesItsKey() {
        assertThrows(
                ConfigurationException.class, () -> new RsaSigner(Fixtures.ec().getPrivate()));
        assertThrows(ConfigurationException.class, () -> new RsaSigner(null));
        // an RSA key the JCA cannot sign with fails at construction, not at the first payment
        java.security.interfaces.RSAPrivateKey tooShort = new java.security.interfaces.RSAPrivateKey() {
            @Override
            public java.math.BigInteger getPrivateExponent() {
                return java.math.BigInteger.valueOf(65_537);
            }

            @Override
            public java.math.BigInteger getModulus() {
                return java.math.BigInteger.ONE.shiftLeft(100).add(java.math.BigInteger.ONE);
            }

            @Override
            public String getAlgorithm() {
                return "RSA";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
        ConfigurationException unusable = assertThrows(ConfigurationException.class, () -> new RsaSigner(tooShort));
        assertTrue(unusable.getMessage().contains("cannot sign"), unusable.getMessage());
        RsaSigner signer = new RsaSigner(rsa.getPrivate());
        assertFalse(signer.toString().contains(secretBase64.substring(0, 20)));
        assertEquals("SHA256-RSA2048", signer.algorithm());
    }
}
