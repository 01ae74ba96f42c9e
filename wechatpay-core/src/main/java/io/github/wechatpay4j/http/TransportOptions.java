package io.github.wechatpay4j.http;

import io.github.wechatpay4j.ConfigurationException;

import javax.net.ssl.SSLContext;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a {@link HttpTransportProvider} needs to create a transport. JDK types only, so that core never sees an HTTP
 * library's types.
 *
 * @param connectTimeout time allowed to establish a connection (TCP and TLS)
 * @param readTimeout    inactivity limit: the longest wait for the response to start, or for the next bytes of its
 *                       body. A slow but steady download is not cut off.
 * @param proxy          proxy selector, or {@code null} for a direct connection
 * @param sslContext     TLS context, or {@code null} for the JDK default
 * @param executor       executor for asynchronous work, or {@code null} for the library's default
 * @param userAgent      the {@code User-Agent} the client sends (already set on each request; informational)
 * @param maxConnections the most connections a transport opens to one host at a time (pools sized from it; the JDK
 *                       client has no pool limit, so its transport keeps at most this many asynchronous exchanges
 *                       in flight per host instead)
 * @param maxResponseBytes the largest response body {@link HttpTransport#send} and {@link HttpTransport#sendAsync}
 *                       read into memory; a larger one (by its {@code Content-Length}, or by counting) fails with
 *                       {@link ResponseTooLargeException} without reading the rest. {@link HttpTransport#stream}
 *                       is not limited. {@code 0} means {@link #DEFAULT_MAX_RESPONSE_BYTES}.
 */
public record TransportOptions(
        Duration connectTimeout,
        Duration readTimeout,
        ProxySelector proxy,
        SSLContext sslContext,
        Executor executor,
        String userAgent,
        int maxConnections,
        long maxResponseBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default connections per host: enough for a busy merchant, far above the libraries' own defaults (2 to 5). */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Default response limit: 16 MiB, far above any WeChat Pay JSON answer (bills are streamed, not limited). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    public TransportOptions {
        connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
        userAgent = userAgent == null ? "wechatpay4j" : userAgent;
        if (maxConnections == 0) {
            maxConnections = DEFAULT_MAX_CONNECTIONS;
        } else if (maxConnections < 0) {
            throw new ConfigurationException("maxConnections must be positive, got " + maxConnections);
        }
        if (maxResponseBytes == 0) {
            maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        } else if (maxResponseBytes < 0 || maxResponseBytes > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException(
                    "maxResponseBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ", got " + maxResponseBytes);
        }
    }

    /** Options with the default response limit. */
    public TransportOptions(
            Duration connectTimeout,
            Duration readTimeout,
            ProxySelector proxy,
            SSLContext sslContext,
            Executor executor,
            String userAgent,
            int maxConnections) {
        this(connectTimeout, readTimeout, proxy, sslContext, executor, userAgent, maxConnections, 0);
    }

    /** Options with the default connection limit. */
    public TransportOptions(
            Duration connectTimeout,
            Duration readTimeout,
            ProxySelector proxy,
            SSLContext sslContext,
            Executor executor,
            String userAgent) {
        this(connectTimeout, readTimeout, proxy, sslContext, executor, userAgent, DEFAULT_MAX_CONNECTIONS);
    }

    /** Default timeouts and connection limit, direct connection, default TLS and executor. */
    public static TransportOptions defaults() {
        return new TransportOptions(null, null, null, null, null, null, DEFAULT_MAX_CONNECTIONS, 0);
    }

    /** A copy with other timeouts ({@code null} keeps the default). */
    public TransportOptions withTimeouts(Duration connect, Duration read) {
        return new TransportOptions(
                connect, read, proxy, sslContext, executor, userAgent, maxConnections, maxResponseBytes);
    }

    /** A copy that connects through {@code selector}. */
    public TransportOptions withProxy(ProxySelector selector) {
        return new TransportOptions(
                connectTimeout,
                readTimeout,
                selector,
                sslContext,
                executor,
                userAgent,
                maxConnections,
                maxResponseBytes);
    }

    /**
     * A copy with another TLS context: a client certificate (APIv2's {@code secapi} operations) is its key manager's,
     * presented to a server that asks for one.
     */
    public TransportOptions withSslContext(SSLContext context) {
        return new TransportOptions(
                connectTimeout, readTimeout, proxy, context, executor, userAgent, maxConnections, maxResponseBytes);
    }

    /** A copy with another connection limit per host. */
    public TransportOptions withMaxConnections(int max) {
        if (max <= 0) {
            throw new ConfigurationException("maxConnections must be positive, got " + max);
        }
        return new TransportOptions(
                connectTimeout, readTimeout, proxy, sslContext, executor, userAgent, max, maxResponseBytes);
    }

    /** A copy with another response size limit. */
    public TransportOptions withMaxResponseBytes(long max) {
        if (max <= 0) {
            throw new ConfigurationException("maxResponseBytes must be positive, got " + max);
        }
        return new TransportOptions(
                connectTimeout, readTimeout, proxy, sslContext, executor, userAgent, maxConnections, max);
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
