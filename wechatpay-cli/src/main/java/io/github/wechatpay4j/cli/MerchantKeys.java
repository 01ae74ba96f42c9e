package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.sm.Sm2PrivateKey;

/** A merchant private key file as the command reads it: RSA ({@code apiclient_key.pem}) or a ShangMi SM2 key. */
final class MerchantKeys {

    private MerchantKeys() {}

    /**
     * The key in {@code pem}: RSA when it is one, otherwise SM2.
     *
     * @throws ConfigurationException (the RSA reading's) when it is neither
     */
    static MerchantKey read(String pem) {
        try {
            return MerchantKey.rsa(Keys.privateKeyFromPem(pem));
        } catch (ConfigurationException rsa) {
            try {
                return Sm2PrivateKey.fromPem(pem);
            } catch (ConfigurationException sm2) {
                rsa.addSuppressed(sm2);
                throw rsa;
            }
        }
    }
}
