/** A fake WeChat Pay server for tests. */
module io.github.wechatpay4j.testkit {
    requires transitive io.github.wechatpay4j.core;
    requires java.net.http;
    requires java.xml;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires static org.junit.jupiter.api;

    exports io.github.wechatpay4j.testkit;
    exports io.github.wechatpay4j.testkit.junit;
}
