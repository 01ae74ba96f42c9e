package io.github.wechatpay4j;

import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.internal.Pools;
import io.github.wechatpay4j.internal.Providers;
import io.github.wechatpay4j.internal.WarmUp;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What many merchants' clients share: one HTTP transport (its connections and threads), one JSON codec, one
 * executor for the CPU work of asynchronous calls and one scheduler for certificate refreshes. Give the same
 * instance to every client with {@link WechatPay.Builder#resources(ClientResources)}; a thousand merchants then cost
 * a thousand small objects and one set of threads. Nothing is static: create as many as you like (one per tenant
 * group, one per test), and {@link #close()} each once, after the clients that use it.
 *
 * <pre>{@code
 * try (ClientResources shared = ClientResources.create()) {
 *     WechatPay a = WechatPay.builder().resources(shared).merchantId("1900000001")….build();
 *     WechatPay b = WechatPay.builder().resources(shared).merchantId("1900000002")….build();
 * }
 * }</pre>
 *
 * Thread-safe. Closing a client leaves its resources open; closing the resources closes what they created (not a
 * transport, codec or executor you passed in), after which calls of the clients that use them fail with a
 * {@link TransportException}.
 */
public final class ClientResources implements AutoCloseable {
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final String transportName;
    private final HttpTransportProvider provider;
    private final TransportOptions options;
    private final JsonCodec codec;
    private final String codecName;
    private final ThreadPoolExecutor work;
    private final Executor givenWork;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClientResources(Builder b) {
        JsonCodec json = b.codec;
        String jsonName = json == null ? null : json.getClass().getName();
        if (json == null) {
            JsonCodecProvider found = Providers.select(
                    ClientAssembly.CODECS,
                    Providers.load(JsonCodecProvider.class),
                    System.getProperty(ClientAssembly.CODECS.property()));
            json = ClientAssembly.create(found::create, "JSON codec " + found.name());
            jsonName = found.name();
        }
        this.codec = json;
        this.codecName = jsonName;
        this.options = b.options != null ? b.options : TransportOptions.defaults();
        if (b.transport != null) {
            this.transport = b.transport;
            this.ownsTransport = false;
            this.transportName = b.transport.getClass().getName();
            this.provider = null;
        } else {
            HttpTransportProvider p = b.provider != null
                    ? b.provider
                    : Providers.select(
                            ClientAssembly.TRANSPORTS,
                            Providers.load(HttpTransportProvider.class),
                            System.getProperty(ClientAssembly.TRANSPORTS.property()));
            this.transport = ClientAssembly.create(() -> p.create(options), "HTTP transport " + p.name());
            this.ownsTransport = true;
            this.transportName = p.name();
            this.provider = p;
        }
        this.givenWork = b.work;
        this.work = b.work == null ? Pools.work("shared") : null;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : Pools.refreshScheduler("shared");
        if (b.warmUp) {
            WarmUp.start(workExecutor(), transport, codec, null);
        }
    }

    /** Resources found with ServiceLoader (transport and JSON codec) and created with their defaults. */
    public static ClientResources create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP transport every client of these resources sends through. */
    public HttpTransport transport() {
        return transport;
    }

    /** The JSON codec every client of these resources reads and writes with. */
    public JsonCodec jsonCodec() {
        return codec;
    }

    /**
     * Where asynchronous calls do their CPU work (preparing, signing, verifying, reading the answer): the executor you
     * gave, or a pool of up to one thread per processor whose threads end when idle.
     */
    public Executor workExecutor() {
        return givenWork != null ? givenWork : work;
    }

    /** The scheduler of the clients' certificate refreshes. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** The provider the transport was created from, to create a client-certificate transport alike; or null. */
    HttpTransportProvider provider() {
        return provider;
    }

    TransportOptions options() {
        return options;
    }

    String transportName() {
        return transportName;
    }

    String codecName() {
        return codecName;
    }

    /** Closes what these resources created (once; later calls do nothing): the transport, the pool, the scheduler. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (work != null) {
            work.shutdown();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsTransport) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "ClientResources[transport=" + transportName + ", json=" + codecName + ", closed=" + closed.get() + "]";
    }

    /** Configures {@link ClientResources}; unset parts are found with ServiceLoader or created with defaults. */
    public static final class Builder {
        private HttpTransport transport;
        private HttpTransportProvider provider;
        private TransportOptions options;
        private JsonCodec codec;
        private Executor work;
        private ScheduledExecutorService scheduler;
        private boolean warmUp = true;

        private Builder() {}

        /** A transport of yours; it stays yours (never closed by the resources). */
        public Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        /** The provider to create the shared transport from, instead of discovery. */
        public Builder transportProvider(HttpTransportProvider provider) {
            this.provider = provider;
            return this;
        }

        /** Timeouts, proxy, TLS, connection and size limits of the transport the resources create. */
        public Builder transportOptions(TransportOptions options) {
            this.options = options;
            return this;
        }

        public Builder jsonCodec(JsonCodec codec) {
            this.codec = codec;
            return this;
        }

        /** The executor of asynchronous calls' CPU work; it stays yours (never shut down by the resources). */
        public Builder workExecutor(Executor executor) {
            this.work = executor;
            return this;
        }

        /** The scheduler of certificate refreshes; it stays yours. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Whether the transport and JSON codec are warmed on the work executor as soon as the resources are built
         * (default {@code true}), once for every client on them: see {@link WechatPay.Builder#warmUp(boolean)}.
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /** Creates what was not given; a {@link ConfigurationException} says what is wrong. */
        public ClientResources build() {
            if (transport != null && (provider != null || options != null)) {
                throw new ConfigurationException("give either your own transport or a transport provider and options"
                        + " for one the resources create, not both");
            }
            return new ClientResources(this);
        }
    }
}
