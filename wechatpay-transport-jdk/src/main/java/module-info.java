/** HTTP transport on java.net.http.HttpClient. */
module io.github.wechatpay4j.transport.jdk {
    requires transitive io.github.wechatpay4j.core;
    requires transitive java.net.http;

    exports io.github.wechatpay4j.transport.jdk;

    provides io.github.wechatpay4j.http.HttpTransportProvider with
            io.github.wechatpay4j.transport.jdk.JdkHttpTransportProvider;
}
