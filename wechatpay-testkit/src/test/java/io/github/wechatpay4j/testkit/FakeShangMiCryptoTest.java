package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake's own SM2 and SM4-GCM against vectors and implementations no code of this project wrote: GB/T 32907 and
 * RFC 8998 for SM4 and SM4-GCM; the official Java SDK's ShangMi vectors (made with Tencent Kona:
 * {@code wechatpay-apiv3/wechatpay-java} at 1dab7bec, {@code shangmi-testing/src/main/resources/merchant_private_key.pem},
 * {@code merchant_certificate.pem} and {@code shangmi-testing/.../BaseSM2Test.java}'s {@code SIGN} and
 * {@code CIPHERTEXT}); a signature made by OpenSSL 3.0.19 on this machine; Python {@code cryptography}'s SM4-GCM;
 * and Bouncy Castle's SM2 engines, both ways. The client's {@code wechatpay-crypto-sm} is checked against the same
 * vectors, so the fake and the client agree because each agrees with the outside, not because they share code.
 */
class FakeShangMiCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String KONA_SIGNATURE =
            "MEYCIQD35Rp3CKt7pLme/a0GaCVmwSeOl7X/12+ppRivcJuf6QIhAO5Vpy4tSk9SJUrgH5I5Qy0aYhFG9lN0aof1f5wJOI05";
    private static final String OPENSSL_SIGNATURE =
            "MEUCIQCFKWtEI4Gw5/LYFXvK+fNnq64/6C6S/JT/h2+dEjtR3AIgdPJXiihi2apX/Qkqolj5ZOUuStHNgLtuFYQ5z9w8nNo=";
    private static final String KONA_CIPHERTEXT = "MHECIAGn23Ew8nF0zRfu3qgdD6VATSmGM5wrVFvNqg1ToXneAiBgfOJLVi1NtpRVH2"
            + "qanzooL4gOrDKKOloD7gS17g+iCQQgcTtJpGhytHZeV/HeTqYkg3YqOY+Vybx+OQx217Ktn0QECdMjiI7lpId5dg==";
    private static final String OFFICIAL_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGTAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBHkwdwIBAQQg/U9Saz5ceDGQhFBM
            f/cHIh2+q5Lzvhrb8L2SI4sPUR+gCgYIKoEcz1UBgi2hRANCAAR7zUf3XqGdBMCn
            K02nD1fdGz+TN8xd0SQYgbkTQxk5v2mlXva0ZxDH4XJFI9D2Rt1pTSSDl29uhQ1G
            Y3j6iy9+
            -----END PRIVATE KEY-----
            """;
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void sm4MatchesTheStandardsExample() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        assertEquals(
                "681edf34d206965e86b3e94f536e4246",
                HEX.formatHex(FakeSm4Gcm.block(FakeSm4Gcm.roundKeys(key), key)),
                "GB/T 32907-2016 appendix A, example 1");
    }

    @Test
    void sm4GcmMatchesRfc8998BothWays() {
        byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
        byte[] nonce = HEX.parseHex("00001234567800000000ABCD");
        byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        byte[] plaintext = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        byte[] sealed = HEX.parseHex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                + "83DE3541E4C2B58177E065A9BF7B62EC");
        assertArrayEquals(sealed, FakeSm4Gcm.encrypt(key, nonce, aad, plaintext), "RFC 8998 appendix A.1");
        assertArrayEquals(plaintext, FakeSm4Gcm.decrypt(key, nonce, aad, sealed));
        byte[] damaged = sealed.clone();
        damaged[70] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> FakeSm4Gcm.decrypt(key, nonce, aad, damaged));
    }

    /**
     * The APIv3 key rule and a resource made by Python {@code cryptography} 48 (OpenSSL's SM4-GCM) with the key
     * {@code openssl dgst -sm3} derives from {@code 0123456789abcdefghijABCDEFGHIJ01}; the same vector as the
     * client's {@code Sm4GcmKeyTest}.
     */
    @Test
    void encryptsResourcesAsAnotherImplementationDoes() {
        byte[] key = ShangMiFakeSuite.sm4Key("0123456789abcdefghijABCDEFGHIJ01");
        assertEquals("ad0395723410232cc197c15969e61690", HEX.formatHex(key));
        String plaintext = "{\"out_trade_no\":\"1217752501201407033233368018\",\"trade_state\":\"SUCCESS\","
                + "\"amount\":{\"total\":100}}";
        String sealed =
                "Tqqfy5bnNW9CzpptLGxb0W69tLvcEcmZ+7ZC+/wAg848Ymh0NZvqdZJPsVu7ceyQ/wNDhoU/tqg1Zc7QFDeIfB9opHD0VWEs"
                        + "BMtxwMtTRTsP+nRhuszdIq0gnGL2PgTYCUHBP2eJbm7MqFLXJME=";
        assertEquals(
                sealed,
                Base64.getEncoder()
                        .encodeToString(FakeSm4Gcm.encrypt(
                                key,
                                "fdasflkja484".getBytes(StandardCharsets.UTF_8),
                                "transaction".getBytes(StandardCharsets.UTF_8),
                                plaintext.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void verifiesTheOfficialSdksAndOpenSslsSignaturesAndDecryptsKonasCiphertext() {
        FakeSm2.KeyPair official = officialKey();
        assertTrue(FakeSm2.verify(official.q(), MESSAGE, KONA_SIGNATURE), "Tencent Kona's signature");
        assertTrue(FakeSm2.verify(official.q(), MESSAGE, OPENSSL_SIGNATURE), "OpenSSL 3's signature");
        assertFalse(FakeSm2.verify(official.q(), "messagE".getBytes(StandardCharsets.US_ASCII), KONA_SIGNATURE));
        assertFalse(FakeSm2.verify(official.q(), MESSAGE, "AAAA"));
        assertEquals("plaintext", new String(FakeSm2.decrypt(official, KONA_CIPHERTEXT), StandardCharsets.UTF_8));
        FakeSm2.KeyPair other = FakeSm2.KeyPair.generate(RANDOM);
        assertThrows(IllegalArgumentException.class, () -> FakeSm2.decrypt(other, KONA_CIPHERTEXT));
    }

    @Test
    void agreesWithBouncyCastleBothWays() throws Exception {
        FakeSm2.KeyPair key = FakeSm2.KeyPair.generate(RANDOM);
        X9ECParameters x9 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECPublicKeyParameters publicKey =
                new ECPublicKeyParameters(domain.getCurve().decodePoint(key.q().encoded()), domain);
        ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(key.d(), domain);
        byte[] userId = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

        SM2Signer bcVerifier = new SM2Signer();
        bcVerifier.init(false, new ParametersWithID(publicKey, userId));
        bcVerifier.update(MESSAGE, 0, MESSAGE.length);
        assertTrue(bcVerifier.verifySignature(Base64.getDecoder().decode(FakeSm2.sign(key, MESSAGE, RANDOM))));

        SM2Signer bcSigner = new SM2Signer();
        bcSigner.init(true, new ParametersWithID(new ParametersWithRandom(privateKey, RANDOM), userId));
        bcSigner.update(MESSAGE, 0, MESSAGE.length);
        assertTrue(FakeSm2.verify(key.q(), MESSAGE, Base64.getEncoder().encodeToString(bcSigner.generateSignature())));

        byte[] secret = "张三 110101199003078888".getBytes(StandardCharsets.UTF_8);
        SM2Engine bcDecrypt = new SM2Engine(SM2Engine.Mode.C1C3C2);
        bcDecrypt.init(false, privateKey);
        var fields = org.bouncycastle.asn1.ASN1Sequence.getInstance(
                Base64.getDecoder().decode(FakeSm2.encrypt(key.q(), secret, RANDOM)));
        byte[] raw = new byte[97 + secret.length];
        raw[0] = 4;
        System.arraycopy(
                FakeSm2.bytes32(org.bouncycastle.asn1.ASN1Integer.getInstance(fields.getObjectAt(0))
                        .getValue()),
                0,
                raw,
                1,
                32);
        System.arraycopy(
                FakeSm2.bytes32(org.bouncycastle.asn1.ASN1Integer.getInstance(fields.getObjectAt(1))
                        .getValue()),
                0,
                raw,
                33,
                32);
        System.arraycopy(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(fields.getObjectAt(2))
                        .getOctets(),
                0,
                raw,
                65,
                32);
        System.arraycopy(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(fields.getObjectAt(3))
                        .getOctets(),
                0,
                raw,
                97,
                secret.length);
        assertArrayEquals(secret, bcDecrypt.processBlock(raw, 0, raw.length), "Bouncy Castle reads the fake's C1C3C2");
    }

    @Test
    void makesSm2CertificatesAndPkcs8KeysOthersCanRead() throws Exception {
        ShangMiKeys keys = ShangMiKeys.generate(TestKeys.generate());
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(new PemReader(new StringReader(keys.merchantPrivateKeyPem()))
                .readPemObject()
                .getContent());
        assertEquals(
                GMObjectIdentifiers.sm2p256v1, info.getPrivateKeyAlgorithm().getParameters());
        assertEquals(
                keys.merchant().d(),
                ECPrivateKey.getInstance(info.parsePrivateKey()).getKey());

        ShangMiFakeSuite suite = new ShangMiFakeSuite(keys);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        FakeSuite.FakePlatform platform = suite.newPlatform(RANDOM, from, Duration.ofDays(30));
        Certificate certificate = Certificate.getInstance(new PemReader(new StringReader(platform.certificatePem()))
                .readPemObject()
                .getContent());
        assertEquals(
                platform.serial(),
                HEX.withUpperCase()
                        .formatHex(certificate.getSerialNumber().getValue().toByteArray())
                        .replaceFirst("^00", ""));
        assertTrue(platform.serial().startsWith("0"), "the serial keeps its leading zero");
        assertEquals(from, certificate.getStartDate().getDate().toInstant());
        assertEquals(
                GMObjectIdentifiers.sm2sign_with_sm3,
                certificate.getSignatureAlgorithm().getAlgorithm());
        FakeSm2.Point q = FakeSm2.Point.decode(
                certificate.getSubjectPublicKeyInfo().getPublicKeyData().getOctets());
        assertTrue(
                FakeSm2.verify(
                        q,
                        certificate.getTBSCertificate().getEncoded(),
                        Base64.getEncoder()
                                .encodeToString(certificate.getSignature().getOctets())),
                "self-signed SM3withSM2");
        String secret = "6222021234567890";
        assertEquals(secret, platform.decrypt(FakeSm2.encrypt(q, secret.getBytes(StandardCharsets.UTF_8), RANDOM)));
        assertTrue(FakeSm2.verify(q, MESSAGE, platform.sign(MESSAGE)));
    }

    private static FakeSm2.KeyPair officialKey() {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(new PemReader(new StringReader(OFFICIAL_KEY))
                    .readPemObject()
                    .getContent());
            ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
            BigInteger d = key.getKey();
            FakeSm2.Point q = FakeSm2.multiply(FakeSm2.G, d);
            assertArrayEquals(key.getPublicKey().getOctets(), q.encoded(), "d·G is the public key Kona wrote");
            return new FakeSm2.KeyPair(d, q);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
