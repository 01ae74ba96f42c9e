package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The fake's ShangMi cryptography, all its own ({@link FakeSm2}, {@link Sm3}, {@link FakeSm4Gcm}): SM2-with-SM3
 * signatures, SM2 sensitive fields, {@code AEAD_SM4_GCM} under the SM4 key WeChat Pay derives from the APIv3 key
 * (the first 16 bytes of its SM3 digest), SM2 platform certificates signed SM3withSM2. Bouncy Castle only writes the
 * certificates' ASN.1.
 */
final class ShangMiFakeSuite implements FakeSuite {
    /** {@code SM3withSM2} (GB/T 33560). */
    private static final ASN1ObjectIdentifier SM3_WITH_SM2 = GMObjectIdentifiers.sm2sign_with_sm3;

    private final ShangMiKeys keys;
    private final SecureRandom random = new SecureRandom();

    ShangMiFakeSuite(ShangMiKeys keys) {
        this.keys = keys;
    }

    @Override
    public String algorithmType() {
        return "SM2";
    }

    @Override
    public String signatureType() {
        return "WECHATPAY2-SM2-WITH-SM3";
    }

    @Override
    public String resourceAlgorithm() {
        return "AEAD_SM4_GCM";
    }

    @Override
    public String merchantSerial() {
        return keys.merchantSerial();
    }

    @Override
    public String encryptResource(String apiV3Key, String associatedData, String nonce, byte[] plaintext) {
        return Base64.getEncoder()
                .encodeToString(FakeSm4Gcm.encrypt(
                        sm4Key(apiV3Key),
                        nonce.getBytes(StandardCharsets.UTF_8),
                        associatedData == null ? new byte[0] : associatedData.getBytes(StandardCharsets.UTF_8),
                        plaintext));
    }

    /** The SM4 key of {@code AEAD_SM4_GCM}: the first 16 bytes of SM3 over the APIv3 key's UTF-8 bytes. */
    static byte[] sm4Key(String apiV3Key) {
        return Arrays.copyOf(Sm3.digest(apiV3Key.getBytes(StandardCharsets.UTF_8)), 16);
    }

    @Override
    public boolean verifyMerchant(byte[] message, String signature) {
        return FakeSm2.verify(keys.merchant().q(), message, signature);
    }

    @Override
    public String encryptToMerchant(byte[] plaintext) {
        return FakeSm2.encrypt(keys.merchant().q(), plaintext, random);
    }

    @Override
    public FakePlatform newPlatform(SecureRandom random, Instant from, Duration validity) {
        Instant notBefore = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // X.509 keeps seconds
        FakeSm2.KeyPair pair = FakeSm2.KeyPair.generate(random);
        byte[] serial = new byte[20];
        random.nextBytes(serial);
        serial[0] = (byte) (0x01 + random.nextInt(0x0F)); // hex starts with "0", as with RSA
        X500Name name = new X500Name("CN=Tenpay.com SM2 CA Test, O=wechatpay4j testkit, C=CN");
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                name,
                new BigInteger(1, serial),
                Date.from(notBefore),
                Date.from(notBefore.plus(validity)),
                name,
                new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                        pair.q().encoded()));
        byte[] der;
        try {
            der = builder.build(new Sm2ContentSigner(pair, random)).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Sm2Platform(
                pair,
                HexFormat.of().withUpperCase().formatHex(serial),
                TestKeys.pem("CERTIFICATE", der),
                notBefore,
                notBefore.plus(validity));
    }

    /** Signs one certificate's TBS bytes with the fake's SM2. */
    private static final class Sm2ContentSigner implements ContentSigner {
        private final FakeSm2.KeyPair key;
        private final SecureRandom random;
        private final ByteArrayOutputStream tbs = new ByteArrayOutputStream();

        Sm2ContentSigner(FakeSm2.KeyPair key, SecureRandom random) {
            this.key = key;
            this.random = random;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(SM3_WITH_SM2);
        }

        @Override
        public OutputStream getOutputStream() {
            return tbs;
        }

        @Override
        public byte[] getSignature() {
            return Base64.getDecoder().decode(FakeSm2.sign(key, tbs.toByteArray(), random));
        }
    }

    /** An SM2 platform key with its certificate. */
    private record Sm2Platform(
            FakeSm2.KeyPair keys, String serial, String certificatePem, Instant notBefore, Instant notAfter)
            implements FakePlatform {
        @Override
        public String sign(byte[] message) {
            return FakeSm2.sign(keys, message, new SecureRandom());
        }

        @Override
        public String decrypt(String ciphertext) {
            return new String(FakeSm2.decrypt(keys, ciphertext), StandardCharsets.UTF_8);
        }

        @Override
        public X509Certificate certificate() {
            return null;
        }

        @Override
        public String toString() {
            return "Sm2Platform[" + serial + "]";
        }
    }
}
