package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.MerchantKey;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a merchant key of either kind, and what core says when it is handed an SM2 key it cannot use. */
class MerchantKeysTest {

    @Test
    void anRsaKeyGivesTheRsaSuiteAndAnSm2KeyTheShangMiOne() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertSame(CryptoSuite.rsa(), MerchantKeys.fromPem(rsaPem).suite());

        MerchantKey sm2 = MerchantKeys.fromPem(Sm2Test.OFFICIAL_KEY);
        assertInstanceOf(Sm2PrivateKey.class, sm2);
        assertSame(ShangMiSuite.INSTANCE, sm2.suite());
        assertEquals(
                Sm2Certificate.fromPem(Sm2Test.OFFICIAL_CERTIFICATE).publicKey(), ((Sm2PrivateKey) sm2).publicKey());
    }

    @Test
    void neitherKindIsAConfigurationErrorThatSaysWhy() {
        ConfigurationException damaged = assertThrows(
                ConfigurationException.class,
                () -> MerchantKeys.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        assertTrue(damaged.getMessage().contains("merchant private key"), damaged.getMessage());
        ConfigurationException certificate =
                assertThrows(ConfigurationException.class, () -> MerchantKeys.fromPem(Sm2Test.OFFICIAL_CERTIFICATE));
        assertTrue(certificate.getMessage().contains("certificate"), certificate.getMessage());
    }

    @Test
    void coreNamesAnSm2KeyAndWhereItGoesInsteadOfCallingItDamaged() {
        ConfigurationException privateKey =
                assertThrows(ConfigurationException.class, () -> Keys.privateKeyFromPem(Sm2Test.OFFICIAL_KEY));
        assertTrue(privateKey.getMessage().contains("SM2 (ShangMi) key"), privateKey.getMessage());
        assertTrue(privateKey.getMessage().contains("merchantKey(...)"), privateKey.getMessage());

        String publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(Sm2Certificate.fromPem(Sm2Test.OFFICIAL_CERTIFICATE)
                                .publicKey()
                                .getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        ConfigurationException publicKey =
                assertThrows(ConfigurationException.class, () -> Keys.publicKeyFromPem(publicKeyPem));
        assertTrue(publicKey.getMessage().contains("SM2 platform certificates"), publicKey.getMessage());
    }
}
