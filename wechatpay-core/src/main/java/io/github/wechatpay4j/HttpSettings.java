package io.github.wechatpay4j;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;

import javax.net.ssl.SSLContext;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The part of {@link WechatPay.Builder} that says how the client talks HTTP: a transport of your own or one the client
 * creates (found with ServiceLoader or from a provider) with these timeouts, proxy, TLS context, connection limit,
 * executor and answer size limit. Not thread-safe.
 */
abstract sealed class HttpSettings permits ClientSettings {
    HttpTransport transport;
    HttpTransportProvider transportProvider;
    int maxConnections;
    Duration connectTimeout;
    Duration readTimeout;
    ProxySelector proxy;
    SSLContext sslContext;
    SSLContext clientCertificate;
    HttpTransport clientCertificateTransport;
    Executor executor;
    Executor workExecutor;
    ClientResources resources;
    long maxResponseBytes;
    boolean warmUp = true;

    /** This builder, as its public type. */
    abstract WechatPay.Builder self();

    /** An HTTP transport instance; it stays yours (the client never closes it). */
    public WechatPay.Builder transport(HttpTransport transport) {
        this.transport = transport;
        return self();
    }

    /** A transport provider to create the transport from (instead of discovery). */
    public WechatPay.Builder transportProvider(HttpTransportProvider provider) {
        this.transportProvider = provider;
        return self();
    }

    public WechatPay.Builder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return self();
    }

    /**
     * Inactivity limit: the longest wait for a response to start or for the next bytes of its body (default 30
     * s).
     */
    public WechatPay.Builder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return self();
    }

    public WechatPay.Builder proxy(ProxySelector proxy) {
        this.proxy = proxy;
        return self();
    }

    public WechatPay.Builder sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return self();
    }

    /**
     * The merchant's API client certificate (商户API证书) as a TLS context, presented only on the calls whose scheme
     * requires it (APIv2's refunds, reversals, red packets and transfers: {@code ClientCertificate} in
     * {@code wechatpay-v2} makes the context from {@code apiclient_cert.p12}). The client creates a second transport
     * for those calls, with this context and the other settings; a client given its own {@link #transport
     * transport} needs {@link #clientCertificateTransport} instead.
     */
    public WechatPay.Builder clientCertificate(SSLContext clientCertificate) {
        this.clientCertificate = clientCertificate;
        return self();
    }

    /**
     * A transport of your own that presents the merchant's API client certificate, for the calls whose scheme requires
     * one; it stays yours (the client never closes it).
     */
    public WechatPay.Builder clientCertificateTransport(HttpTransport transport) {
        this.clientCertificateTransport = transport;
        return self();
    }

    /**
     * The most connections the transport opens to one host at a time (default
     * {@value TransportOptions#DEFAULT_MAX_CONNECTIONS}); sizes the OkHttp and Apache pools.
     */
    public WechatPay.Builder maxConnections(int max) {
        if (max <= 0) {
            throw new ConfigurationException("maxConnections must be positive, got " + max);
        }
        this.maxConnections = max;
        return self();
    }

    /**
     * The transport, JSON codec, work executor and certificate scheduler shared with other merchants' clients (see
     * {@link ClientResources}); they stay open when this client is closed. Leave the transport's own settings
     * (timeouts, proxy, TLS, limits) to the resources, which created it.
     */
    public WechatPay.Builder resources(ClientResources resources) {
        this.resources = resources;
        return self();
    }

    /**
     * Where asynchronous calls do their CPU work: preparing and signing each attempt, verifying and reading the
     * answer (and the typed API's binding, which follows on the same thread). Neither the calling thread nor the
     * transport's I/O threads do any of it. Default: the {@link #resources resources'} executor, else a pool of the
     * client's own with up to one thread per processor, whose threads end when idle. An executor you give stays
     * yours; give one whose tasks may block if your {@link io.github.wechatpay4j.crypto.Signer} calls out to an HSM
     * or a KMS.
     */
    public WechatPay.Builder workExecutor(Executor executor) {
        this.workExecutor = executor;
        return self();
    }

    /**
     * Whether the client warms its HTTP transport and JSON codec on its work executor as soon as it is built (default
     * {@code true}). The transports create their HTTP client, TLS context and pool, and the codecs their mapper, on
     * first use, about 300 ms in a fresh JVM; warmed in the background, they are ready for the first call instead (on
     * 2 cores, a first call one second after {@code build()} took less than half of its unwarmed time). Turn it
     * off where building must start no thread, such as tests that build many clients and call none. Clients on
     * {@link #resources(ClientResources) shared resources} leave this to {@link ClientResources.Builder#warmUp}.
     */
    public WechatPay.Builder warmUp(boolean warmUp) {
        this.warmUp = warmUp;
        return self();
    }

    /** Executor for the transport's asynchronous work. */
    public WechatPay.Builder executor(Executor executor) {
        this.executor = executor;
        return self();
    }

    /**
     * The largest response body read into memory (default
     * {@link TransportOptions#DEFAULT_MAX_RESPONSE_BYTES}); a larger answer ends in a
     * {@link MalformedResponseException} without being read. Bill downloads stream and have their own limit,
     * {@code maxDownloadBytes(long)}.
     */
    public WechatPay.Builder maxResponseBytes(long max) {
        if (max <= 0) {
            throw new ConfigurationException("maxResponseBytes must be positive, got " + max);
        }
        this.maxResponseBytes = max;
        return self();
    }
}
