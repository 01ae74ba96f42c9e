package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.DigestProvider;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.observe.CallObserver;
import io.github.wechatpay4j.scheme.ApiV3Scheme;
import io.github.wechatpay4j.scheme.Scheme;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What {@link WechatPay.Builder} holds: every setting, checked as far as it can be alone; {@link ClientAssembly}
 * checks them together and creates the client's parts (signer, verifier, transport, JSON codec, hosts). Users meet it only as
 * {@code WechatPay.Builder}; it lives apart so that the client's facade stays small. Not thread-safe.
 */
abstract sealed class ClientSettings extends HttpSettings permits WechatPay.Builder {

    String mchid;
    String merchantSerial;
    Signer signer;
    Scheme.Factory scheme = ApiV3Scheme::new;
    MerchantKey merchantKey;
    Verifier verifier;
    ApiV3Key apiV3Key;
    boolean autoCertificates;
    Duration refreshInterval = WechatPay.DEFAULT_REFRESH_INTERVAL;
    ScheduledExecutorService scheduler;
    EncryptionKeyPolicy keyPolicy;
    Boolean alwaysSendSerial;
    /** The WeChat Pay keys given, added when the crypto suite is known (the merchant key decides it). */
    final java.util.List<java.util.function.Consumer<PlatformKeys.Builder>> keys = new java.util.ArrayList<>();

    boolean hasKeys;
    String baseUrl = WechatPay.DEFAULT_BASE_URL;
    JsonCodec codec;
    String userAgentSuffix;
    Clock clock = Clock.systemUTC();
    Supplier<String> nonces;
    Duration window = Protocol.DEFAULT_WINDOW;
    ClassLoader discoveryLoader;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    String backupBaseUrl;
    long maxDownloadBytes = Long.MAX_VALUE;
    DigestProvider digestProvider;
    CallObserver observer = CallObserver.NONE;
    final Map<String, Scheme.Factory> routedSchemes = new java.util.LinkedHashMap<>();
    final Map<String, String> hostReplacements = new java.util.LinkedHashMap<>();

    /** Checks every setting and creates the client's parts; a {@link ConfigurationException} says what to fix. */
    ClientParts resolve() {
        return new ClientAssembly(this).parts();
    }

    /** The merchant ID (商户号), digits only. */
    public WechatPay.Builder merchantId(String mchid) {
        this.mchid = mchid;
        return self();
    }

    /** The serial number of the merchant API certificate (商户API证书序列号), hex. */
    public WechatPay.Builder merchantSerialNumber(String serial) {
        this.merchantSerial = serial;
        return self();
    }

    /** The merchant RSA private key: signs requests and decrypts fields WeChat Pay encrypted to the merchant. */
    public WechatPay.Builder privateKey(java.security.PrivateKey key) {
        return merchantKey(MerchantKey.rsa(key));
    }

    /**
     * The merchant's key with its cryptography: an RSA key ({@link MerchantKey#rsa}, what {@code privateKey(…)}
     * gives), or a ShangMi {@code Sm2PrivateKey} from {@code wechatpay-crypto-sm}, with which the client signs
     * {@code WECHATPAY2-SM2-WITH-SM3}, verifies with SM2 platform certificates, downloads them with
     * {@code algorithm_type=SM2}, encrypts sensitive fields with SM2 and decrypts resources with {@code AEAD_SM4_GCM}.
     */
    public WechatPay.Builder merchantKey(MerchantKey key) {
        if (key == null) {
            throw new ConfigurationException("the merchant key must not be null");
        }
        this.signer = key.signer();
        this.merchantKey = key;
        return self();
    }

    /** The merchant private key from PEM text ({@code apiclient_key.pem}). */
    public WechatPay.Builder privateKey(String pem) {
        return privateKey(Keys.privateKeyFromPem(pem));
    }

    /** The merchant private key from a PEM file. */
    public WechatPay.Builder privateKey(Path pemFile) {
        return privateKey(Keys.privateKeyFromFile(pemFile));
    }

    /** A signer of your own (HSM, KMS) instead of a private key. */
    public WechatPay.Builder signer(Signer signer) {
        this.signer = signer;
        this.merchantKey = null;
        return self();
    }

    /**
     * The scheme that signs requests, verifies answers and decrypts notifications (default {@link ApiV3Scheme}),
     * made from the client's merchant, checked signer, keys, APIv3 key, clock and nonces: a ShangMi or APIv2 scheme
     * from its own module.
     */
    public WechatPay.Builder scheme(Scheme.Factory factory) {
        this.scheme = factory;
        return self();
    }

    /**
     * The APIv3 key (APIv3密钥, exactly 32 bytes): decrypts notifications and downloaded platform certificates.
     *
     * @throws ConfigurationException at once when it is not 32 bytes (the key itself is never shown)
     */
    public WechatPay.Builder apiV3Key(String key) {
        this.apiV3Key = ApiV3Key.of(key);
        return self();
    }

    /**
     * Downloads the platform certificates from {@code GET /v3/certificates} when the client is built, refreshes
     * them on a schedule ({@link #certificateRefreshInterval}) and once when a response names an unknown serial.
     * Needs {@link #apiV3Key}. Combine with {@link #wechatpayPublicKey} while migrating to public keys. A merchant
     * without certificates (public key only) gets a {@link ConfigurationException} saying so from
     * {@link WechatPay.Builder#build()}.
     */
    public WechatPay.Builder autoCertificates() {
        this.autoCertificates = true;
        return self();
    }

    /** How often downloaded certificates are refreshed (default 60 minutes, ±10% jitter). */
    public WechatPay.Builder certificateRefreshInterval(Duration interval) {
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException("certificateRefreshInterval must be at least 1 second, got " + interval);
        }
        this.refreshInterval = interval;
        return self();
    }

    /**
     * A scheduler for certificate refreshes, to share one thread among many merchants' clients; it stays yours.
     * By default each auto-certificate client runs one daemon thread, stopped by {@link WechatPay#close()}.
     */
    public WechatPay.Builder certificateRefreshScheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return self();
    }

    /**
     * Which platform key encrypts sensitive fields and is named in {@code Wechatpay-Serial}. Default:
     * {@link EncryptionKeyPolicy#PUBLIC_KEY} when a WeChat Pay public key is configured, otherwise
     * {@link EncryptionKeyPolicy#NEWEST_CERTIFICATE}.
     */
    public WechatPay.Builder encryptionKeyPolicy(EncryptionKeyPolicy policy) {
        this.keyPolicy = policy;
        return self();
    }

    /**
     * Sends {@code Wechatpay-Serial} (the policy's key) on every request, not only on those with encrypted fields.
     * Default: on when a WeChat Pay public key is configured, off otherwise. The official Java and Go SDKs send the
     * public key ID on every request (checked against the official client in {@code OfficialClientPeerTest}); during
     * a migration WeChat Pay signs the answer with the key the header names. A {@code Wechatpay-Serial} you set on
     * a request always wins; {@code false} turns it off.
     */
    public WechatPay.Builder alwaysSendWechatpaySerial(boolean always) {
        this.alwaysSendSerial = always;
        return self();
    }

    /** A WeChat Pay public key with its ID ({@code PUB_KEY_ID_…}), from PEM text. */
    public WechatPay.Builder wechatpayPublicKey(String keyId, String pem) {
        return wechatpayPublicKey(keyId, Keys.publicKeyFromPem(pem));
    }

    /** A WeChat Pay public key with its ID, from a PEM file ({@code pub_key.pem}). */
    public WechatPay.Builder wechatpayPublicKey(String keyId, Path pemFile) {
        return wechatpayPublicKey(keyId, Keys.publicKeyFromFile(pemFile));
    }

    public WechatPay.Builder wechatpayPublicKey(String keyId, PublicKey key) {
        PlatformKeys.builder().publicKey(keyId, key); // checked now: the ID's form and an RSA key
        return addKeys(b -> b.publicKey(keyId, key));
    }

    /**
     * One or more platform certificates from PEM text, read when the client is built (as SM2 certificates for a
     * ShangMi merchant key); a certificate that does not read is a {@link ConfigurationException} from
     * {@code build()}.
     */
    public WechatPay.Builder platformCertificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new ConfigurationException("the platform certificate PEM text is empty");
        }
        return addKeys(b -> b.certificates(pem));
    }

    public WechatPay.Builder platformCertificate(X509Certificate certificate) {
        if (certificate == null) {
            throw new ConfigurationException("the platform certificate is missing");
        }
        return addKeys(b -> b.certificate(certificate));
    }

    private WechatPay.Builder addKeys(java.util.function.Consumer<PlatformKeys.Builder> add) {
        keys.add(add);
        hasKeys = true;
        return self();
    }

    /** A verifier of your own, instead of the keys above. */
    public WechatPay.Builder verifier(Verifier verifier) {
        this.verifier = verifier;
        return self();
    }

    /** The API base URL; default {@value #WechatPay.DEFAULT_BASE_URL}. Tests point it at the fake server. */
    public WechatPay.Builder baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return self();
    }

    /** A JSON codec instance (instead of discovery). */
    public WechatPay.Builder jsonCodec(JsonCodec codec) {
        this.codec = codec;
        return self();
    }

    /** Text appended to the SDK's {@code User-Agent}, e.g. your application's name and version. */
    public WechatPay.Builder userAgent(String suffix) {
        this.userAgentSuffix = suffix;
        return self();
    }

    /** The clock for request timestamps and the response window (tests). */
    public WechatPay.Builder clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /** The nonce source (tests); default: 32 characters of {@code [0-9A-Za-z]} from a {@link SecureRandom}. */
    public WechatPay.Builder nonceSupplier(Supplier<String> nonces) {
        this.nonces = nonces;
        return self();
    }

    /** How far a response timestamp may be from the local clock; default 5 minutes, as WeChat Pay specifies. */
    public WechatPay.Builder timestampWindow(Duration window) {
        this.window = window;
        return self();
    }

    /**
     * The scheme of the calls whose path starts with {@code firstSegment}: {@code scheme("v2", ApiV2Scheme.factory(…))}
     * (module {@code wechatpay-v2}) makes {@code chain("v2/pay/micropay")} an APIv2 call, through the same stages as
     * every other call (retries, fail-over, observation), while other paths keep the client's scheme.
     */
    public WechatPay.Builder scheme(String firstSegment, Scheme.Factory factory) {
        if (firstSegment == null || !firstSegment.matches("[A-Za-z0-9_-]+") || firstSegment.equals("v3")) {
            throw new ConfigurationException("a routed scheme needs a path's first segment such as \"v2\" (not \"v3\","
                    + " which is the client's own scheme), got '" + firstSegment + "'");
        }
        if (factory == null) {
            throw new ConfigurationException("the scheme factory for " + firstSegment + "/… must not be null");
        }
        this.routedSchemes.put(firstSegment, factory);
        return self();
    }

    /**
     * Told when each call starts and how it ended (metrics, tracing); default {@link CallObserver#NONE}. The Spring
     * Boot starter sets one that records Micrometer observations.
     */
    public WechatPay.Builder callObserver(CallObserver observer) {
        if (observer == null) {
            throw new ConfigurationException("callObserver must not be null; use CallObserver.NONE to observe nothing");
        }
        this.observer = observer;
        return self();
    }

    /**
     * When to send a call again: {@link RetryPolicy#defaults()} unless set; {@link RetryPolicy#none()} turns
     * retries off. POSTs are retried only when they are idempotent by a business key (see {@link RetryPolicy}).
     */
    public WechatPay.Builder retryPolicy(RetryPolicy policy) {
        if (policy == null) {
            throw new ConfigurationException("retryPolicy must not be null; use RetryPolicy.none() for no retries");
        }
        this.retryPolicy = policy;
        return self();
    }

    /**
     * A second host for attempts after a connection to the current one could not be made (nothing was sent, so
     * this is safe for every method), normally {@link #WechatPay.BACKUP_BASE_URL}. Needs a retry policy with more than one
     * attempt. Off unless set.
     */
    public WechatPay.Builder backupBaseUrl(String url) {
        this.backupBaseUrl = url;
        return self();
    }

    /**
     * The largest bill a download may produce, counted after decrypting and un-gzipping (default: no limit). A
     * bill that grows beyond it (a gzip bomb, a runaway stream) stops with a {@link DownloadException} of reason
     * {@code TOO_LARGE} before it fills the disk, and nothing of it is kept.
     */
    public WechatPay.Builder maxDownloadBytes(long max) {
        if (max <= 0) {
            throw new ConfigurationException("maxDownloadBytes must be positive, got " + max);
        }
        this.maxDownloadBytes = max;
        return self();
    }

    /**
     * Sends the operations WeChat Pay serves on {@code officialHost} (such as {@code GET /v3/global/certificates}
     * on {@code https://apihk.mch.weixin.qq.com}) to {@code replacement} instead: a forwarding proxy, a test
     * server. Operations that are not pinned to a host follow {@link #baseUrl}.
     */
    public WechatPay.Builder host(String officialHost, String replacement) {
        String official = ClientAssembly.checkBaseUrl(officialHost);
        if (!Hosts.pinnedHosts().contains(official)) {
            throw new ConfigurationException("'" + officialHost + "' is not a host WeChat Pay pins operations to;"
                    + " those are " + Hosts.pinnedHosts() + " (every other operation follows baseUrl)");
        }
        hostReplacements.put(official, ClientAssembly.checkBaseUrl(replacement));
        return self();
    }

    /**
     * Sends every request to {@code url}, whichever host WeChat Pay serves its operation on: {@link #baseUrl}
     * plus {@link #host} for every pinned host. For a fake server or a single forwarding proxy.
     */
    public WechatPay.Builder allHostsTo(String url) {
        baseUrl(url);
        Hosts.pinnedHosts().forEach(h -> host(h, url));
        return self();
    }

    /**
     * A digest for the hash types the JDK lacks ({@code SM3}), used before any found with ServiceLoader (the
     * {@code wechatpay-crypto-sm} module registers SM3).
     */
    public WechatPay.Builder digestProvider(DigestProvider provider) {
        this.digestProvider = provider;
        return self();
    }

    /** The class loader to discover adapters with (default: core's loader, then the thread context loader). */
    public WechatPay.Builder discoveryClassLoader(ClassLoader loader) {
        this.discoveryLoader = loader;
        return self();
    }
}
