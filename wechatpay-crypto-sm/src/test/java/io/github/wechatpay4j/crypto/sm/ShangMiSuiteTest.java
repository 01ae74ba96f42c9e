package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.PlatformKeys;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite core calls for a ShangMi client, over the official SDK's ShangMi vectors ({@link Sm2Test} cites them):
 * certificates read into platform keys, signatures verified from their bytes, fields encrypted to a platform key and
 * read back by the merchant key, and keys of another kind refused with a message that says what to configure.
 */
class ShangMiSuiteTest {
    private static final CryptoSuite SUITE = ShangMiSuite.INSTANCE;

    @Test
    void namesAsWechatPayDoes() {
        assertEquals("SM2", SUITE.name()); // algorithm_type of GET /v3/certificates
        assertEquals("SM2-WITH-SM3", SUITE.signatureAlgorithm()); // WECHATPAY2-SM2-WITH-SM3
        assertEquals(
                "AEAD_SM4_GCM",
                SUITE.resourceCipher(ApiV3Key.of("0123456789abcdef0123456789abcdef"))
                        .algorithm());
        assertEquals(SUITE, Sm2PrivateKey.fromPem(Sm2Test.OFFICIAL_KEY).suite());
    }

    @Test
    void readsCertificatesIntoPlatformKeysAndVerifiesTheirSignatures() {
        List<PlatformKey> keys = SUITE.certificates(Sm2Test.OFFICIAL_CERTIFICATE);
        assertEquals(1, keys.size());
        PlatformKey key = keys.get(0);
        assertEquals("54E7F59ED8DF4570CFB14780EA8152D45A675EE6", key.serial());
        assertEquals(Instant.parse("2023-09-03T12:14:19Z"), key.notAfter());
        assertFalse(key.isPublicKey());
        assertTrue(SUITE.accepts(key.publicKey()));

        byte[] kona = Base64.getDecoder().decode(Sm2Test.KONA_SIGNATURE);
        assertTrue(SUITE.verify(key.publicKey(), Sm2Test.MESSAGE, kona));
        assertFalse(SUITE.verify(key.publicKey(), "massage".getBytes(UTF_8), kona));
        kona[kona.length - 1] ^= 1;
        assertFalse(SUITE.verify(key.publicKey(), Sm2Test.MESSAGE, kona));
        assertFalse(SUITE.verify(key.publicKey(), Sm2Test.MESSAGE, new byte[] {0x30, 0x00}), "not DER r, s");

        // a damaged block among good ones loses the whole set, never part of it
        String withDamaged =
                Sm2Test.OFFICIAL_CERTIFICATE + "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        assertThrows(ConfigurationException.class, () -> SUITE.certificates(withDamaged));
    }

    @Test
    void platformKeysOfTheSuiteReadSm2CertificatesAndRefuseRsaOnes() throws Exception {
        PlatformKeys keys = PlatformKeys.builder()
                .suite(SUITE)
                .certificates(Sm2Test.OFFICIAL_CERTIFICATE)
                .build();
        assertEquals(SUITE, keys.suite());
        PublicKey rsa = rsaPublicKey();
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> PlatformKeys.builder().suite(SUITE).publicKey("PUB_KEY_ID_0112", rsa));
        assertTrue(e.getMessage().contains("SM2"), e.getMessage());
    }

    @Test
    void encryptsSensitiveFieldsThatTheMerchantKeyReads() {
        Sm2PrivateKey merchant = Sm2PrivateKey.fromPem(Sm2Test.OFFICIAL_KEY);
        String first = SUITE.encrypt(merchant.publicKey(), "张三 13800138000");
        String second = SUITE.encrypt(merchant.publicKey(), "张三 13800138000");
        assertNotEquals(first, second, "a fresh k for each field");
        assertEquals("张三 13800138000", merchant.decrypt(first));
        assertEquals("张三 13800138000", merchant.decrypt(second));
    }

    @Test
    void keysOfAnotherKindAreConfigurationErrors() throws Exception {
        PublicKey rsa = rsaPublicKey();
        assertFalse(SUITE.accepts(rsa));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> SUITE.verify(rsa, Sm2Test.MESSAGE, new byte[8]));
        assertTrue(e.getMessage().contains("RSA key, not an SM2 key"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> SUITE.encrypt(rsa, "x"));
        assertThrows(ConfigurationException.class, () -> SUITE.encrypt(null, "x"));
    }

    @Test
    void publicKeysRoundTripThroughTheirX509Encoding() {
        Sm2PublicKey key = Sm2PrivateKey.fromPem(Sm2Test.OFFICIAL_KEY).publicKey();
        assertEquals("SM2", key.getAlgorithm());
        assertEquals("X.509", key.getFormat());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Sm2PublicKey read = Sm2PublicKey.fromPem(pem);
        assertEquals(key, read);
        assertArrayEquals(key.getEncoded(), read.getEncoded());
        assertEquals(Sm2Certificate.fromPem(Sm2Test.OFFICIAL_CERTIFICATE).publicKey(), read);
    }

    @Test
    void sec1KeysAreReadOnTheSm2CurveOnly() throws Exception {
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Sm2Test.OFFICIAL_KEY.replaceAll("-----[A-Z ]+-----", ""));
        byte[] sec1 = PrivateKeyInfo.getInstance(pkcs8)
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        Sm2PrivateKey fromSec1 = Sm2PrivateKey.fromPem(pem("EC PRIVATE KEY", sec1));
        assertEquals(Sm2PrivateKey.fromPem(Sm2Test.OFFICIAL_KEY).publicKey(), fromSec1.publicKey());

        // OpenSSL writes the curve into a SEC 1 key ("ec -outform PEM" of a P-256 key): name secp256r1 here.
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        BigInteger d =
                ((java.security.interfaces.ECPrivateKey) ec.generateKeyPair().getPrivate()).getS();
        byte[] p256 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, SECObjectIdentifiers.secp256r1).getEncoded();
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> Sm2PrivateKey.fromPem(pem("EC PRIVATE KEY", p256)));
        assertTrue(e.getMessage().contains("another curve"), e.getMessage());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private static PublicKey rsaPublicKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair().getPublic();
    }
}
