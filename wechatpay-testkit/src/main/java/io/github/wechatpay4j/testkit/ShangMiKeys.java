package io.github.wechatpay4j.testkit;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Freshly generated ShangMi credentials for one fake merchant: its SM2 key (in PKCS#8 PEM, as a ShangMi merchant's
 * {@code apiclient_key.pem}) and its ShangMi certificate serial, beside the {@link TestKeys} the rest of the fake
 * uses (the merchant ID and APIv3 key, TLS, APIv2). Start a fake that speaks ShangMi with
 * {@link FakeWechatPay#startShangMi(ShangMiKeys)}. The keys are made by the fake's own SM2 code.
 */
public final class ShangMiKeys {
    private final TestKeys rsa;
    private final FakeSm2.KeyPair merchant;
    private final String merchantSerial;

    private ShangMiKeys(TestKeys rsa, FakeSm2.KeyPair merchant, String merchantSerial) {
        this.rsa = rsa;
        this.merchant = merchant;
        this.merchantSerial = merchantSerial;
    }

    /** New SM2 keys for the merchant of {@code rsa}. */
    public static ShangMiKeys generate(TestKeys rsa) {
        SecureRandom random = new SecureRandom();
        byte[] serial = new byte[20];
        random.nextBytes(serial);
        serial[0] = 0x5C;
        return new ShangMiKeys(
                rsa,
                FakeSm2.KeyPair.generate(random),
                HexFormat.of().withUpperCase().formatHex(serial));
    }

    /** New SM2 keys with fresh RSA ones for merchant {@code 1900000001}. */
    public static ShangMiKeys generate() {
        return generate(TestKeys.generate());
    }

    /** The merchant's other credentials: its ID and APIv3 key, and the RSA keys TLS and APIv2 use. */
    public TestKeys rsa() {
        return rsa;
    }

    public String mchid() {
        return rsa.mchid();
    }

    public String apiV3Key() {
        return rsa.apiV3Key();
    }

    /** The serial of the merchant's ShangMi API certificate, sent as {@code serial_no}. */
    public String merchantSerial() {
        return merchantSerial;
    }

    /** The merchant's SM2 private key: PKCS#8 ({@code id-ecPublicKey} on {@code sm2p256v1}) in PEM. */
    public String merchantPrivateKeyPem() {
        try {
            var curve = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1);
            var key = new ECPrivateKey(
                    256, merchant.d(), new DERBitString(merchant.q().encoded()), null);
            return TestKeys.pem("PRIVATE KEY", new PrivateKeyInfo(curve, key).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    FakeSm2.KeyPair merchant() {
        return merchant;
    }

    @Override
    public String toString() {
        return "ShangMiKeys[mchid=" + mchid() + ", merchantSerial=" + merchantSerial + ", keys hidden]";
    }
}
