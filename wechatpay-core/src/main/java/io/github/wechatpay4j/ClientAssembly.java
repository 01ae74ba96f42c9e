package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.DigestProvider;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.Pools;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.internal.Providers;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Turns {@link WechatPay.Builder}'s settings into a client's parts: checks them together (merchant ID and serial,
 * keys, verifier and certificates, base URLs, timeouts against a given transport) and creates what the client uses
 * (the verifier, the JSON codec and HTTP transport found with ServiceLoader or given, the nonce source, the
 * User-Agent, the hosts, the digests). Every problem is a {@link ConfigurationException} that says what to fix.
 */
final class ClientAssembly {
    static final Providers.Kind<HttpTransportProvider> TRANSPORTS = new Providers.Kind<>(
            HttpTransportProvider.class,
            "HTTP transport",
            "wechatpay.transport",
            "io.github.wechatpay4j:wechatpay-transport-jdk (or -okhttp, -apache)",
            HttpTransportProvider::name,
            HttpTransportProvider::priority);
    static final Providers.Kind<JsonCodecProvider> CODECS = new Providers.Kind<>(
            JsonCodecProvider.class,
            "JSON codec",
            "wechatpay.json",
            "io.github.wechatpay4j:wechatpay-json-jackson or wechatpay-json-gson",
            JsonCodecProvider::name,
            JsonCodecProvider::priority);
    /** At most one download per this interval is triggered by unknown serials. */
    private static final Duration MIN_ON_DEMAND_INTERVAL = Duration.ofMinutes(1);

    private final ClientSettings s;

    ClientAssembly(ClientSettings settings) {
        this.s = settings;
    }

    private Digests digests() {
        List<DigestProvider> providers = new java.util.ArrayList<>();
        if (s.digestProvider != null) {
            providers.add(s.digestProvider);
        }
        providers.addAll(discover(DigestProvider.class));
        return new Digests(providers);
    }

    /** The client's parts, every setting checked; a {@link ConfigurationException} says what to fix. */
    ClientParts parts() {
        if (s.mchid == null || s.mchid.isBlank()) {
            throw new ConfigurationException("merchantId is required: the merchant ID (商户号)");
        }
        String id = s.mchid.strip();
        if (!every(id, c -> c >= '0' && c <= '9') || id.length() > 32) {
            throw new ConfigurationException(
                    "merchantId '" + id + "' is not a merchant ID: expected digits," + " such as 1900000001");
        }
        if (s.merchantSerial == null || s.merchantSerial.isBlank()) {
            throw new ConfigurationException("merchantSerialNumber is required: the serial number of the merchant"
                    + " API certificate (apiclient_cert.pem), shown on the merchant platform");
        }
        String serial = Keys.normalizeSerial(s.merchantSerial);
        if (!every(serial, c -> Character.digit(c, 16) >= 0)) {
            throw new ConfigurationException("merchantSerialNumber '" + serial + "' is not hex: it is"
                    + " the merchant API certificate serial, such as 3775B6A45ACD588826D15E583A95F5DD2C3F8A1B");
        }
        if (s.signer == null) {
            throw new ConfigurationException("the merchant private key is required: privateKey(Path.of("
                    + "\"apiclient_key.pem\")), or signer(...) for a key held in an HSM/KMS");
        }
        if (s.verifier != null && s.hasKeys) {
            throw new ConfigurationException("give either a Verifier or WeChat Pay keys/certificates, not both");
        }
        if (s.autoCertificates && s.verifier != null) {
            throw new ConfigurationException("autoCertificates() manages the client's own keys; it cannot be"
                    + " combined with a custom Verifier");
        }
        if (s.autoCertificates && s.apiV3Key == null) {
            throw new ConfigurationException("autoCertificates() needs the APIv3 key to decrypt the downloaded"
                    + " certificates: add apiV3Key(\"…32 characters…\")");
        }
        if (s.clock == null) {
            throw new ConfigurationException("clock must not be null");
        }
        if (s.window == null || s.window.isNegative() || s.window.isZero()) {
            throw new ConfigurationException("timestampWindow must be positive");
        }
        CryptoSuite suite = s.merchantKey == null ? CryptoSuite.rsa() : s.merchantKey.suite();
        if (suite == null) {
            throw new ConfigurationException(
                    "the merchant key " + s.merchantKey.getClass().getName() + " names no crypto suite");
        }
        Verifier v = s.verifier != null ? s.verifier : s.autoCertificates && !s.hasKeys ? null : configuredKeys(suite);
        if (v != null && v.serialNumbers().contains(serial)) {
            throw new ConfigurationException("the merchant certificate serial " + serial + " was given as"
                    + " a WeChat Pay verification key: WeChat Pay signs with its own platform key (a"
                    + " PUB_KEY_ID_… public key or a platform certificate), never with the merchant's");
        }
        String base = checkBaseUrl(s.baseUrl);
        String backup = s.backupBaseUrl == null ? null : checkBaseUrl(s.backupBaseUrl);
        if (base.equals(backup)) {
            throw new ConfigurationException("backupBaseUrl is the same as baseUrl (" + base + "); the backup host"
                    + " is " + WechatPay.BACKUP_BASE_URL);
        }
        Supplier<String> nonceSource = s.nonces;
        if (nonceSource == null) {
            SecureRandom random = new SecureRandom();
            nonceSource = () -> Protocol.nonce(random);
        }
        String agent = "wechatpay4j/" + WechatPay.VERSION + " (Java/" + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + ")"
                + (s.userAgentSuffix == null || s.userAgentSuffix.isBlank() ? "" : " " + s.userAgentSuffix.strip());
        if (!every(agent, c -> c >= 0x20 && c != 0x7f)) {
            throw new ConfigurationException("userAgent must not contain control characters");
        }

        boolean shared = s.resources != null;
        if (shared) {
            checkResources(s.resources);
        }
        JsonCodec json = shared ? s.resources.jsonCodec() : s.codec;
        String jsonName = shared
                ? s.resources.codecName()
                : json == null ? null : json.getClass().getName();
        if (json == null) {
            JsonCodecProvider provider =
                    Providers.select(CODECS, discover(JsonCodecProvider.class), System.getProperty(CODECS.property()));
            json = create(provider::create, "JSON codec " + provider.name());
            jsonName = provider.name();
        }
        HttpTransport http = shared ? s.resources.transport() : s.transport;
        boolean owns = false;
        String httpName = shared
                ? s.resources.transportName()
                : http == null ? null : http.getClass().getName();
        HttpTransportProvider provider = null;
        if (http == null) {
            provider = s.transportProvider != null
                    ? s.transportProvider
                    : Providers.select(
                            TRANSPORTS,
                            discover(HttpTransportProvider.class),
                            System.getProperty(TRANSPORTS.property()));
            http = transport(provider, agent, s.sslContext);
            owns = true;
            httpName = provider.name();
        } else if (!shared && hasTransportSettings()) {
            throw new ConfigurationException("timeouts, proxy, SSL context, executor, maxConnections and"
                    + " maxResponseBytes configure a transport the client creates; set them on your own transport"
                    + " instead");
        }
        HttpTransport certified = s.clientCertificateTransport;
        boolean ownsCertified = false;
        if (certified != null && s.clientCertificate != null) {
            throw new ConfigurationException("give either clientCertificate(sslContext), for a transport the client"
                    + " creates, or clientCertificateTransport(transport) of your own, not both");
        }
        if (s.clientCertificate != null && shared) {
            if (s.resources.provider() == null) {
                throw new ConfigurationException("clientCertificate(…) needs a transport provider to create the"
                        + " certificate's transport, and these ClientResources were given a transport of yours: give"
                        + " this client clientCertificateTransport(…) instead");
            }
            HttpTransportProvider p = s.resources.provider();
            certified = create(
                    () -> p.create(s.resources.options().withSslContext(s.clientCertificate)),
                    "HTTP transport " + p.name());
            ownsCertified = true;
        } else if (s.clientCertificate != null) {
            if (provider == null) {
                throw new ConfigurationException("clientCertificate(…) configures a transport the client creates, but"
                        + " this client was given its own transport: give a transport of yours that presents the"
                        + " certificate with clientCertificateTransport(…)");
            }
            try {
                certified = transport(provider, agent, s.clientCertificate);
            } catch (RuntimeException e) {
                http.close();
                throw e;
            }
            ownsCertified = true;
        }
        List<PlatformKey> configured = v == null ? List.of() : v.keys();
        boolean publicKey = false;
        for (PlatformKey k : configured) {
            publicKey |= k.isPublicKey();
        }
        EncryptionKeyPolicy policy = s.keyPolicy != null
                ? s.keyPolicy
                : publicKey ? EncryptionKeyPolicy.PUBLIC_KEY : EncryptionKeyPolicy.NEWEST_CERTIFICATE;
        boolean sendSerial = s.alwaysSendSerial != null ? s.alwaysSendSerial : publicKey;
        ClientParts.AutoCertificates auto = s.autoCertificates
                ? new ClientParts.AutoCertificates(
                        s.refreshInterval,
                        s.refreshInterval.compareTo(MIN_ON_DEMAND_INTERVAL) < 0
                                ? s.refreshInterval
                                : MIN_ON_DEMAND_INTERVAL,
                        shared ? s.resources.scheduler() : s.scheduler)
                : null;
        if (s.scheme == null) {
            throw new ConfigurationException("scheme must not be null; leave it unset for APIv3 with RSA");
        }
        ExecutorService ownedWork = s.workExecutor == null && !shared ? Pools.work(id) : null;
        Executor work = s.workExecutor != null ? s.workExecutor : shared ? s.resources.workExecutor() : ownedWork;
        return new ClientParts(
                id,
                serial,
                s.scheme,
                s.signer,
                v,
                base,
                http,
                owns,
                httpName,
                json,
                jsonName,
                s.clock,
                nonceSource,
                s.window,
                agent,
                s.apiV3Key,
                s.merchantKey,
                suite,
                policy,
                sendSerial,
                auto,
                s.retryPolicy,
                backup,
                work,
                ownedWork,
                s.maxDownloadBytes,
                digests(),
                new Hosts(base, s.hostReplacements),
                s.observer,
                java.util.Map.copyOf(s.routedSchemes),
                certified,
                ownsCertified,
                s.warmUp && !shared);
    }

    /** The WeChat Pay keys given to the builder, read and checked as {@code suite}'s. */
    private PlatformKeys configuredKeys(CryptoSuite suite) {
        PlatformKeys.Builder keys = PlatformKeys.builder().suite(suite).clock(s.clock);
        for (java.util.function.Consumer<PlatformKeys.Builder> add : s.keys) {
            add.accept(keys);
        }
        return keys.build();
    }

    /** Checks that {@code resources} are open and that nothing they decide was set on the builder too. */
    private void checkResources(ClientResources resources) {
        if (resources.isClosed()) {
            throw new ConfigurationException("these ClientResources were closed: build clients on open resources");
        }
        if (s.transport != null || s.transportProvider != null || hasTransportSettings()) {
            throw new ConfigurationException("resources(…) gives the client its transport: leave transport(…),"
                    + " transportProvider(…), timeouts, proxy, SSL context, executor, maxConnections and"
                    + " maxResponseBytes unset, and set them on ClientResources.builder() instead");
        }
        if (s.codec != null || s.scheduler != null) {
            throw new ConfigurationException("resources(…) gives the client its JSON codec and certificate scheduler:"
                    + " leave jsonCodec(…) and certificateRefreshScheduler(…) unset, or set them on"
                    + " ClientResources.builder()");
        }
    }

    private boolean hasTransportSettings() {
        return s.connectTimeout != null
                || s.readTimeout != null
                || s.proxy != null
                || s.sslContext != null
                || s.executor != null
                || s.maxConnections != 0
                || s.maxResponseBytes != 0;
    }

    /** A transport from {@code provider} with the builder's settings and {@code tls} (may be {@code null}). */
    private HttpTransport transport(HttpTransportProvider provider, String agent, SSLContext tls) {
        TransportOptions options = new TransportOptions(
                s.connectTimeout, s.readTimeout, s.proxy, tls, s.executor, agent, s.maxConnections, s.maxResponseBytes);
        return create(() -> provider.create(options), "HTTP transport " + provider.name());
    }

    private <P> List<P> discover(Class<P> type) {
        return s.discoveryLoader != null ? Providers.load(type, s.discoveryLoader) : Providers.load(type);
    }

    static <T> T create(Supplier<T> factory, String what) {
        T created;
        try {
            created = factory.get();
        } catch (WechatPayException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigurationException("the " + what + " could not be created: " + e, e);
        }
        if (created == null) {
            throw new ConfigurationException("the " + what + " provider returned null");
        }
        return created;
    }

    /** {@code url} as a base URL (no trailing slash), or a {@link ConfigurationException} saying what is wrong. */
    static String checkBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("baseUrl must not be empty; the default is " + WechatPay.DEFAULT_BASE_URL);
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new ConfigurationException(
                        "baseUrl '" + url + "' must be an absolute http(s) URL such as " + WechatPay.DEFAULT_BASE_URL);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigurationException("baseUrl '" + url + "' must not have a query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException("baseUrl '" + url + "' is not a valid URL: " + e.getReason());
        }
        return trimmed;
    }

    /** Whether every character passes; a loop, not {@code chars()}: no stream machinery to load in build(). */
    private static boolean every(String text, java.util.function.IntPredicate test) {
        for (int i = 0; i < text.length(); i++) {
            if (!test.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
