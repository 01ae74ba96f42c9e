/**
 * The demo as a named module, so that the SDK is also exercised on the module path: adapters found through
 * {@code uses}/{@code provides}, typed records read by the JSON adapter through {@code opens}.
 */
module io.github.wechatpay4j.examples {
    requires io.github.wechatpay4j.api;
    requires io.github.wechatpay4j.crypto.sm;
    requires io.github.wechatpay4j.testkit;
    requires io.github.wechatpay4j.v2;
    requires jdk.httpserver;

    exports io.github.wechatpay4j.examples;

    provides io.github.wechatpay4j.http.HttpTransportProvider with
            io.github.wechatpay4j.examples.UrlConnectionTransportProvider;
}
