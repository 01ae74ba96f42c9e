/** HTTP transport on Apache HttpClient 5. */
module io.github.wechatpay4j.transport.apache {
    requires transitive io.github.wechatpay4j.core;
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires transitive org.apache.httpcomponents.core5.httpcore5;

    exports io.github.wechatpay4j.transport.apache;

    provides io.github.wechatpay4j.http.HttpTransportProvider with
            io.github.wechatpay4j.transport.apache.ApacheHttpTransportProvider;
}
