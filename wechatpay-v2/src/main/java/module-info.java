/** wechatpay4j APIv2: core and the JDK's XML parser, nothing else. */
module io.github.wechatpay4j.v2 {
    requires transitive io.github.wechatpay4j.core;
    requires java.xml;

    exports io.github.wechatpay4j.v2;
}
