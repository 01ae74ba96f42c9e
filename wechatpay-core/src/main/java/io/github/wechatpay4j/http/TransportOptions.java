package io.github.wechatpay4j.http;

import io.github.wechatpay4j.ConfigurationException;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * What a {@link HttpTransportProvider} needs to create a transport. JDK types only, so that core never sees an HTTP
 * library's types.
 *
 * @param connectTimeout time allowed to establish a connection
 * @param readTimeout    time allowed from sending the request to receiving the whole response
 * @param proxy          proxy selector, or {@code null} for a direct connection
 * @param sslContext     TLS context, or {@code null} for the JDK default
 * @param executor       executor for asynchronous work, or {@code null} for the library's default
 * @param userAgent      the {@code User-Agent} the client sends (already set on each request; informational)
 */
public record TransportOptions(Duration connectTimeout, Duration readTimeout, ProxySelector proxy,
                               SSLContext sslContext, Executor executor, String userAgent) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public TransportOptions {
        connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
        userAgent = userAgent == null ? "wechatpay4j" : userAgent;
    }

    /** Default timeouts, direct connection, default TLS and executor. */
    public static TransportOptions defaults() {
        return new TransportOptions(null, null, null, null, null, null);
    }

    public Optional<ProxySelector> proxySelector() {
        return Optional.ofNullable(proxy);
    }

    public Optional<SSLContext> ssl() {
        return Optional.ofNullable(sslContext);
    }

    public Optional<Executor> asyncExecutor() {
        return Optional.ofNullable(executor);
    }

    private static Duration positive(String name, Duration d, Duration dflt) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigurationException(name + " must be positive, got " + d);
        }
        return d;
    }
}
