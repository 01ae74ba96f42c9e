/** The ShangMi algorithms on BouncyCastle's lightweight API: SM3 for download hash checks. */
module io.github.wechatpay4j.shangmi {
    requires transitive io.github.wechatpay4j.core;
    requires org.bouncycastle.provider;

    exports io.github.wechatpay4j.shangmi;

    provides io.github.wechatpay4j.crypto.DigestProvider with
            io.github.wechatpay4j.shangmi.ShangMiDigestProvider;
}
