/**
 * wechatpay4j core: java.base only. Exports the client API, the HTTP and JSON ports and the crypto types; the
 * {@code internal} package is not exported.
 */
module io.github.wechatpay4j.core {
    exports io.github.wechatpay4j;
    exports io.github.wechatpay4j.crypto;
    exports io.github.wechatpay4j.download;
    exports io.github.wechatpay4j.frontend;
    exports io.github.wechatpay4j.http;
    exports io.github.wechatpay4j.json;
    exports io.github.wechatpay4j.notification;
    exports io.github.wechatpay4j.scheme;

    // the records of answers, notifications and front-end parameters are bound by the JSON adapters' reflection
    opens io.github.wechatpay4j.download;
    opens io.github.wechatpay4j.frontend;
    opens io.github.wechatpay4j.notification;

    uses io.github.wechatpay4j.http.HttpTransportProvider;
    uses io.github.wechatpay4j.json.JsonCodecProvider;
    uses io.github.wechatpay4j.crypto.DigestProvider;
}
