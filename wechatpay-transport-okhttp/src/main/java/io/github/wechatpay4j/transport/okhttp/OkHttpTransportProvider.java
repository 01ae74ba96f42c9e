package io.github.wechatpay4j.transport.okhttp;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;

/** Provides {@link OkHttpTransport} under the name {@code okhttp}. */
public final class OkHttpTransportProvider implements HttpTransportProvider {
    public static final String NAME = "okhttp";

    /** Called by {@link java.util.ServiceLoader}. */
    public OkHttpTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * 10: preferred over the JDK client (-100), second to Apache HttpClient (20), which is the more common choice
     * when both arrive (OkHttp often comes in transitively with other SDKs).
     */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        return new OkHttpTransport(options);
    }
}
