package io.github.wechatpay4j.transport.apache;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;

/** Provides {@link ApacheHttpTransport} under the name {@code apache}. */
public final class ApacheHttpTransportProvider implements HttpTransportProvider {
    public static final String NAME = "apache";

    /** Called by {@link java.util.ServiceLoader}. */
    public ApacheHttpTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** 20: preferred over OkHttp (10) and the JDK client (-100) when several transports are on the class path. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        return new ApacheHttpTransport(options);
    }
}
