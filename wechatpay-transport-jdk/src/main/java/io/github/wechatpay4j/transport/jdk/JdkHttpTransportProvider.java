package io.github.wechatpay4j.transport.jdk;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;

/** Provides {@link JdkHttpTransport} under the name {@code jdk}, with the lowest priority among transports. */
public final class JdkHttpTransportProvider implements HttpTransportProvider {
    public static final String NAME = "jdk";

    /** Called by {@link java.util.ServiceLoader}. */
    public JdkHttpTransportProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** -100: any dedicated HTTP library's adapter on the class path is preferred over the JDK client. */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        return new JdkHttpTransport(options);
    }
}
