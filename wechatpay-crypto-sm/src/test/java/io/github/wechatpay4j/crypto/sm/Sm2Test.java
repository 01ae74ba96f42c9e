package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SM2 against vectors no code of this project made. The key, certificate, signature and ciphertext are the official
 * SDK's ShangMi test vectors (made with Tencent Kona): {@code wechatpay-apiv3/wechatpay-java} at 1dab7bec,
 * {@code shangmi-testing/src/main/resources/merchant_private_key.pem} and {@code merchant_certificate.pem},
 * {@code shangmi-testing/src/main/java/com/wechat/pay/java/shangmi/testing/BaseSM2Test.java} ({@code SIGN},
 * {@code CIPHERTEXT}; Apache License 2.0). The second signature was made by OpenSSL 3.0.19 on this machine:
 * {@code openssl pkeyutl -sign -inkey merchant_private_key.pem -rawin -digest sm3 -pkeyopt
 * distid:1234567812345678 -in message}, and OpenSSL verified both signatures with the certificate's key.
 */
class Sm2Test {
    static final String OFFICIAL_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGTAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBHkwdwIBAQQg/U9Saz5ceDGQhFBM
            f/cHIh2+q5Lzvhrb8L2SI4sPUR+gCgYIKoEcz1UBgi2hRANCAAR7zUf3XqGdBMCn
            K02nD1fdGz+TN8xd0SQYgbkTQxk5v2mlXva0ZxDH4XJFI9D2Rt1pTSSDl29uhQ1G
            Y3j6iy9+
            -----END PRIVATE KEY-----
            """;
    static final String OFFICIAL_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIICyTCCAmygAwIBAgIUVOf1ntjfRXDPsUeA6oFS1FpnXuYwDAYIKoEcz1UBg3UF
            ADCBjTFHMEUGA1UEAww+U2hlbiBaaGVuIGlUcnVzQ2hpbmEgQ2xhc3MgRW50ZXJw
            cmlzZSBTdWJzY3JpYmVyIENBIFNNMiAtIFRlc3QxGDAWBgNVBAsMD+a1i+ivlemD
            qOivleeUqDEbMBkGA1UECgwS5aSp6K+a5a6J5L+h6K+V55SoMQswCQYDVQQGEwJD
            TjAeFw0yMjA4MDQxMjE0MTlaFw0yMzA5MDMxMjE0MTlaMGsxCzAJBgNVBAYTAkNO
            MRswGQYDVQQKDBLlvq7kv6HllYbmiLfns7vnu58xKjAoBgNVBAsMIea3seWcs+W4
            guS8n+iNo+enkeaKgOaciemZkOWFrOWPuDETMBEGA1UEAwwKMjQ4MzI4MTc2MTBZ
            MBMGByqGSM49AgEGCCqBHM9VAYItA0IABHvNR/deoZ0EwKcrTacPV90bP5M3zF3R
            JBiBuRNDGTm/aaVe9rRnEMfhckUj0PZG3WlNJIOXb26FDUZjePqLL36jgcgwgcUw
            DAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCBsAwHwYDVR0jBBgwFoAUK0Y6T9Ge
            LM7UH4bC1j2avycoZPcwHQYDVR0OBBYEFBmE5STz2WNsXVrgclXrxsl6SCihMGUG
            A1UdHwReMFwwWqBYoFaGVGh0dHA6Ly9ldmNhLml0cnVzLmNvbS5jbi9wdWJsaWMv
            aXRydXNjcmw/Q0E9NzMzNUExQUYzNzRBMUU4QjQwM0FCMUFDMkQwNjVDQUU3NUNB
            QjIzNjAMBggqgRzPVQGDdQUAA0kAMEYCIQDK0r6D8VyiUVMfRnAfz40ZtiG8DJEF
            6Rn41oZ3qPW1aQIhAKtn5sKME+thLQFeyV70VSsraZ7h9Fccal2WzI2oCdtY
            -----END CERTIFICATE-----
            """;
    static final String KONA_SIGNATURE =
            "MEYCIQD35Rp3CKt7pLme/a0GaCVmwSeOl7X/12+ppRivcJuf6QIhAO5Vpy4tSk9SJUrgH5I5Qy0aYhFG9lN0aof1f5wJOI05";
    static final String OPENSSL_SIGNATURE =
            "MEUCIQCFKWtEI4Gw5/LYFXvK+fNnq64/6C6S/JT/h2+dEjtR3AIgdPJXiihi2apX/Qkqolj5ZOUuStHNgLtuFYQ5z9w8nNo=";
    static final String KONA_CIPHERTEXT = "MHECIAGn23Ew8nF0zRfu3qgdD6VATSmGM5wrVFvNqg1ToXneAiBgfOJLVi1NtpRVH2"
            + "qanzooL4gOrDKKOloD7gS17g+iCQQgcTtJpGhytHZeV/HeTqYkg3YqOY+Vybx+OQx217Ktn0QECdMjiI7lpId5dg==";
    static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);

    @Test
    void readsTheOfficialKeyAndCertificate() {
        Sm2Certificate certificate = Sm2Certificate.fromPem(OFFICIAL_CERTIFICATE);
        assertEquals("54E7F59ED8DF4570CFB14780EA8152D45A675EE6", certificate.serialNumber());
        assertEquals(Instant.parse("2022-08-04T12:14:19Z"), certificate.notBefore());
        assertEquals(Instant.parse("2023-09-03T12:14:19Z"), certificate.notAfter());
        assertTrue(certificate.isValidAt(Instant.parse("2023-01-01T00:00:00Z")));
        assertFalse(certificate.isValidAt(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals(
                certificate.publicKey(),
                Sm2PrivateKey.fromPem(OFFICIAL_KEY).publicKey(),
                "the key is the certificate's");
    }

    @Test
    void verifiesSignaturesMadeByKonaAndByOpenSsl() {
        Sm2PublicKey key = Sm2Certificate.fromPem(OFFICIAL_CERTIFICATE).publicKey();
        assertTrue(key.verify(MESSAGE, KONA_SIGNATURE));
        assertTrue(key.verify(MESSAGE, OPENSSL_SIGNATURE));
        assertFalse(key.verify("false-message".getBytes(StandardCharsets.US_ASCII), KONA_SIGNATURE));
        assertFalse(key.verify(MESSAGE, KONA_SIGNATURE.replace('Q', 'R')));
        assertFalse(key.verify(MESSAGE, "not base64!"));
        assertFalse(key.verify(MESSAGE, "AAAA"));
        assertFalse(key.verify(MESSAGE, null));
    }

    @Test
    void signsWhatTheSameKeyVerifiesEveryTimeWithAFreshK() {
        Sm2Signer signer = new Sm2Signer(Sm2PrivateKey.fromPem(OFFICIAL_KEY));
        assertEquals("SM2-WITH-SM3", signer.algorithm());
        Sm2PublicKey key = Sm2Certificate.fromPem(OFFICIAL_CERTIFICATE).publicKey();
        String first = signer.sign(MESSAGE);
        String second = signer.sign(MESSAGE);
        assertNotEquals(first, second, "a fresh random k for each signature");
        assertTrue(key.verify(MESSAGE, first));
        assertTrue(key.verify(MESSAGE, second));
        assertEquals(0x30, Base64.getDecoder().decode(first)[0], "DER SEQUENCE {r, s}");
        assertFalse(signer.toString().contains("MIGT"));
    }

    @Test
    void signingIsThreadSafe() throws Exception {
        Sm2Signer signer = new Sm2Signer(Sm2PrivateKey.fromPem(OFFICIAL_KEY));
        Sm2PublicKey key = Sm2Certificate.fromPem(OFFICIAL_CERTIFICATE).publicKey();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                results.add(pool.submit(() -> key.verify(message, signer.sign(message))));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decryptsKonasCiphertextAndRoundTripsOurs() {
        Sm2PrivateKey key = Sm2PrivateKey.fromPem(OFFICIAL_KEY);
        assertEquals("plaintext", key.decrypt(KONA_CIPHERTEXT));
        Sm2PublicKey platform = Sm2Certificate.fromPem(OFFICIAL_CERTIFICATE).publicKey();
        String ours = platform.encrypt("张三 13800138000");
        assertEquals("张三 13800138000", key.decrypt(ours));
        assertEquals(0x30, Base64.getDecoder().decode(ours)[0], "ASN.1 SEQUENCE {x, y, hash, ciphertext}");
        assertThrows(DecryptionException.class, () -> key.decrypt(KONA_CIPHERTEXT.replace("1", "2")));
        assertThrows(DecryptionException.class, () -> key.decrypt("not base64!"));
        assertThrows(DecryptionException.class, () -> key.decrypt("MAA="));
        assertThrows(DecryptionException.class, () -> key.decrypt(null));
    }

    @Test
    void wrongOrBrokenKeysAreConfigurationErrorsThatSayWhy() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Sm2PrivateKey.fromPem(rsaPem));
        assertTrue(e.getMessage().contains("RSA"), e.getMessage());

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        String p256 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        e = assertThrows(ConfigurationException.class, () -> Sm2PrivateKey.fromPem(p256));
        assertTrue(e.getMessage().contains("another curve"), e.getMessage());

        assertThrows(ConfigurationException.class, () -> Sm2PrivateKey.fromPem(null));
        assertThrows(ConfigurationException.class, () -> Sm2PrivateKey.fromPem("no pem here"));
        assertThrows(
                ConfigurationException.class,
                () -> Sm2PrivateKey.fromPem(OFFICIAL_KEY.replace("MIGTAgEAMBMG", "MIGTAgEAMBMA")));
        e = assertThrows(
                ConfigurationException.class,
                () -> Sm2PrivateKey.fromPem(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n" + "-----END ENCRYPTED PRIVATE KEY-----\n"));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> Sm2Certificate.fromPem(OFFICIAL_KEY));
        assertThrows(
                ConfigurationException.class,
                () -> Sm2PublicKey.fromPem("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n"));
        assertThrows(
                ConfigurationException.class,
                () -> Sm2Certificate.fromPem("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"));
        assertFalse(Sm2PrivateKey.fromPem(OFFICIAL_KEY).toString().contains("/U9S"));
    }
}
