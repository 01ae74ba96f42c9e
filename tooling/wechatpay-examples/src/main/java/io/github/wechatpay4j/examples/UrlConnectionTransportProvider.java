package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;

/** Makes {@link UrlConnectionTransport} discoverable: listed in META-INF/services and in module-info. */
public final class UrlConnectionTransportProvider implements HttpTransportProvider {

    @Override
    public String name() {
        return "urlconnection";
    }

    @Override
    public int priority() {
        return -200; // below the SDK's own transports: chosen when alone, or by -Dwechatpay.transport=urlconnection
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        return new UrlConnectionTransport(options);
    }
}
