package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.sm.MerchantKeys;
import org.springframework.util.ClassUtils;

/**
 * The starter's ShangMi side, the only class that sees {@code wechatpay-crypto-sm} (an optional dependency; every use
 * is guarded by {@link #available}): with it on the class path, a merchant's {@code private-key} may be an SM2 key,
 * which makes that merchant's client speak SM2 (requests, SM2 platform certificates, AEAD_SM4_GCM, sensitive fields).
 */
final class ShangMiSupport {

    private ShangMiSupport() {}

    /** Whether {@code wechatpay-crypto-sm} is on the class path. */
    static boolean available(ClassLoader loader) {
        return ClassUtils.isPresent("io.github.wechatpay4j.crypto.sm.MerchantKeys", loader);
    }

    /** The merchant key in {@code pem}: RSA or SM2, whichever it holds. */
    static MerchantKey merchantKey(String pem) {
        return MerchantKeys.fromPem(pem);
    }
}
