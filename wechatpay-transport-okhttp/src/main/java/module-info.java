/** HTTP transport on OkHttp. */
module io.github.wechatpay4j.transport.okhttp {
    requires transitive io.github.wechatpay4j.core;
    requires transitive okhttp3;
    requires okio;

    exports io.github.wechatpay4j.transport.okhttp;

    provides io.github.wechatpay4j.http.HttpTransportProvider with
            io.github.wechatpay4j.transport.okhttp.OkHttpTransportProvider;
}
