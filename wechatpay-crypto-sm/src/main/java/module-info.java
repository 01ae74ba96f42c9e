/**
 * ShangMi (国密) for WeChat Pay APIv3 on Bouncy Castle's lightweight API (no JCA provider registered): an SM2 merchant
 * key that signs requests with SM2-with-SM3 and decrypts fields encrypted to it, the SM2 suite that reads platform
 * certificates, verifies answers and notifications and encrypts sensitive fields, AEAD_SM4_GCM for resources and
 * platform certificates, and SM3 for downloads and uploads that name it.
 */
module io.github.wechatpay4j.crypto.sm {
    requires transitive io.github.wechatpay4j.core;
    requires org.bouncycastle.provider;

    exports io.github.wechatpay4j.crypto.sm;

    provides io.github.wechatpay4j.crypto.DigestProvider with
            io.github.wechatpay4j.crypto.sm.ShangMiDigestProvider;
}
