package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;

/** Provides {@link OkHttpTransport} under the name {@code okhttp}. */
public final class OkHttpTransportProvider implements HttpTransportProvider {
    public static final String NAME = "okhttp";

    /** Called by {@link java.util.ServiceLoader}. */
    public OkHttpTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** 0: preferred over the JDK transport; ties with Apache are broken by name ({@code apache} first). */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        return new OkHttpTransport(options);
    }
}
