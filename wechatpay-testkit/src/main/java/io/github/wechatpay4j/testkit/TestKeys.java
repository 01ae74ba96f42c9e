package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * Freshly generated credentials for one fake merchant and its fake WeChat Pay: the merchant's RSA key and certificate
 * serial, and the platform's RSA key, public key ID and self-signed platform certificate. Generating RSA keys takes
 * a moment, so make one instance per test class and share it between servers.
 *
 * @param mchid              merchant ID
 * @param merchantKeys       the merchant's RSA 2048 key pair (the client signs with the private key)
 * @param merchantSerial     the merchant certificate serial the client sends in {@code serial_no}
 * @param platformKeys       the platform's RSA 2048 key pair (the server signs with the private key)
 * @param publicKeyId        the platform public key ID, {@code PUB_KEY_ID_…}
 * @param platformCertificate a certificate over the platform public key; its serial starts with a zero digit
 * @param apiV3Key           the merchant's APIv3 key: 32 characters of {@code [0-9A-Za-z]}
 */
public record TestKeys(
        String mchid,
        KeyPair merchantKeys,
        String merchantSerial,
        KeyPair platformKeys,
        String publicKeyId,
        X509Certificate platformCertificate,
        String apiV3Key) {

    /** New keys for merchant {@code 1900000001}. */
    public static TestKeys generate() {
        return generate("1900000001");
    }

    public static TestKeys generate(String mchid) {
        SecureRandom random = new SecureRandom();
        KeyPair merchant = rsa(random);
        KeyPair platform = rsa(random);
        byte[] serial = new byte[20];
        random.nextBytes(serial);
        serial[0] = 0x3A;
        String merchantSerial = HexFormat.of().withUpperCase().formatHex(serial);
        String keyId =
                "PUB_KEY_ID_01" + mchid + String.format("%013d", Math.abs(random.nextLong() % 10_000_000_000_000L));
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder apiV3Key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            apiV3Key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new TestKeys(
                mchid,
                merchant,
                merchantSerial,
                platform,
                keyId,
                certificate(platform, random, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(5 * 365)),
                apiV3Key.toString());
    }

    /** The platform certificate serial as WeChat Pay writes it: upper-case hex, leading zero kept. */
    public String platformSerial() {
        return serialHex(platformCertificate);
    }

    public String merchantPrivateKeyPem() {
        return pem("PRIVATE KEY", merchantKeys.getPrivate().getEncoded());
    }

    public String platformPublicKeyPem() {
        return pem("PUBLIC KEY", platformKeys.getPublic().getEncoded());
    }

    public String platformCertificatePem() {
        try {
            return pem("CERTIFICATE", platformCertificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TestKeys[mchid=" + mchid + ", merchantSerial=" + merchantSerial + ", publicKeyId=" + publicKeyId
                + ", platformSerial=" + platformSerial() + ", apiV3Key=hidden]";
    }

    static String serialHex(X509Certificate certificate) {
        byte[] bytes = certificate.getSerialNumber().toByteArray();
        int from = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return HexFormat.of().withUpperCase().formatHex(bytes, from, bytes.length);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    static KeyPair rsa(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    /**
     * A self-signed certificate over {@code keys} whose serial number's first hex digit is 0 (so that code which
     * drops leading zeros is caught), valid from {@code notBefore} for {@code validity}.
     */
    public static X509Certificate certificate(KeyPair keys, SecureRandom random, Instant notBefore, Duration validity) {
        byte[] serial = new byte[20];
        random.nextBytes(serial);
        serial[0] = (byte) (0x01 + random.nextInt(0x0F)); // 0x01..0x0F: hex starts with "0"
        try {
            X500Name name = new X500Name("CN=Tenpay.com Root CA Test, O=wechatpay4j testkit, C=CN");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(1, serial),
                    Date.from(notBefore),
                    Date.from(notBefore.plus(validity)),
                    name,
                    keys.getPublic());
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a test certificate", e);
        }
    }
}
