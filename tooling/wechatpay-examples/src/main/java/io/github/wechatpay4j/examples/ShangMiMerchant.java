package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.sm.ShangMiSuite;
import io.github.wechatpay4j.crypto.sm.Sm2PrivateKey;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.notification.Notifications;

import java.nio.file.Path;

/**
 * A ShangMi (国密) merchant. Its SM2 private key makes the client sign with SM2-with-SM3, download SM2 platform
 * certificates, decrypt AEAD_SM4_GCM resources and encrypt sensitive fields with SM2; every call is the same as an RSA
 * merchant's.
 */
public final class ShangMiMerchant {
    private ShangMiMerchant() {}

    /**
     * A client builder from the merchant's key directory ({@code apiclient_key.pem}: the SM2 private key, PKCS#8), the
     * serial of its SM2 API certificate and the APIv3 key from your secret store. Add hosts, a transport or timeouts as
     * for any client, then {@code build()}.
     */
    public static WechatPay.Builder builder(String merchantId, String serial, Path keyDirectory, String apiV3Key) {
        return WechatPay.builder()
                .merchantId(merchantId)
                .merchantSerialNumber(serial)
                .merchantKey(Sm2PrivateKey.fromFile(keyDirectory.resolve("apiclient_key.pem"))) // the SM2 suite
                .apiV3Key(apiV3Key)
                .autoCertificates(); // GET /v3/certificates?algorithm_type=SM2, checked, refreshed, rotated
    }

    /** A notification parser without a client (one endpoint for many merchants, say) for SM2 platform certificates. */
    public static Notifications notifications(String platformCertificatesPem, String apiV3Key, JsonCodec codec) {
        PlatformKeys keys = PlatformKeys.builder()
                .suite(ShangMiSuite.INSTANCE) // before the certificates: they are read as SM2
                .certificates(platformCertificatesPem)
                .build();
        return Notifications.of(keys, ApiV3Key.of(apiV3Key), codec);
    }
}
