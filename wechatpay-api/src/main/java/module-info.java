/** Typed records for WeChat Pay operations (core only). Model packages are open to JSON libraries' reflection. */
module io.github.wechatpay4j.api {
    requires transitive io.github.wechatpay4j.core;

    exports io.github.wechatpay4j.api.v3.marketing.partnerships;
    exports io.github.wechatpay4j.api.v3.payscore.partner;
    exports io.github.wechatpay4j.api.v3.payrollcard;

    opens io.github.wechatpay4j.api.v3.marketing.partnerships;
    opens io.github.wechatpay4j.api.v3.payscore.partner;
    opens io.github.wechatpay4j.api.v3.payrollcard;
}
