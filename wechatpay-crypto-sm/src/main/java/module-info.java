/**
 * The ShangMi algorithms on Bouncy Castle's lightweight API (no JCA provider registered): SM3 for download hash checks,
 * AEAD_SM4_GCM for notification resources and platform certificates.
 */
module io.github.wechatpay4j.crypto.sm {
    requires transitive io.github.wechatpay4j.core;
    requires org.bouncycastle.provider;

    exports io.github.wechatpay4j.crypto.sm;

    provides io.github.wechatpay4j.crypto.DigestProvider with
            io.github.wechatpay4j.crypto.sm.ShangMiDigestProvider;
}
