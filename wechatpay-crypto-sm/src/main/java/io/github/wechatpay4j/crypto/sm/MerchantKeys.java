package io.github.wechatpay4j.crypto.sm;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.MerchantKey;

/**
 * A merchant's {@code apiclient_key.pem} of either kind, for code that reads keys from configuration without knowing
 * which a merchant has (the Spring Boot starter, the command line, a platform holding many merchants): an RSA key
 * gives the RSA suite, an SM2 key the ShangMi one.
 */
public final class MerchantKeys {

    private MerchantKeys() {}

    /**
     * The key in {@code pem}: RSA when it is one, otherwise SM2.
     *
     * @throws ConfigurationException when it is neither, or an SM2 key that cannot be read (encrypted, damaged)
     */
    public static MerchantKey fromPem(String pem) {
        try {
            return MerchantKey.rsa(Keys.privateKeyFromPem(pem));
        } catch (ConfigurationException rsa) {
            try {
                return Sm2PrivateKey.fromPem(pem);
            } catch (ConfigurationException sm2) {
                // core names a key on the SM2 curve; then the SM2 reading's reason (encrypted, damaged) is the one
                ConfigurationException shown = rsa.getMessage().contains("SM2") ? sm2 : rsa;
                shown.addSuppressed(shown == rsa ? sm2 : rsa);
                throw shown;
            }
        }
    }
}
