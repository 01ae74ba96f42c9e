package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.EncryptedField;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.MerchantKey;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.download.Downloads;
import io.github.wechatpay4j.frontend.FrontEndPayments;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.internal.CertificateStore;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.NoPlatformCertificatesException;
import io.github.wechatpay4j.internal.Release;
import io.github.wechatpay4j.internal.SensitiveFields;
import io.github.wechatpay4j.internal.WarmUp;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.scheme.Scheme;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A WeChat Pay APIv3 client for one merchant: signs every request, verifies every answer, and calls any endpoint by
 * its path through {@link #chain(String)}.
 *
 * <pre>{@code
 * WechatPay client = WechatPay.builder()
 *         .merchantId("1900000001")
 *         .merchantSerialNumber("3775B6A45ACD588826D15E583A95F5DD2C3F8A1B")
 *         .privateKey(Path.of("apiclient_key.pem"))
 *         .wechatpayPublicKey("PUB_KEY_ID_0119000000012025", Path.of("pub_key.pem"))
 *         .build();
 * ApiResponse r = client.chain("v3/pay/transactions/id/{transaction_id}")
 *         .get(Options.path("transaction_id", id).withQuery("mchid", "1900000001"));
 * }</pre>
 *
 * Immutable and thread-safe: share one instance per merchant. Any number of clients (merchants) can live in one JVM;
 * they share nothing unless built on the same {@link ClientResources}. {@link #close()} releases what the client
 * created (its HTTP transports, its work pool).
 */
public final class WechatPay implements AutoCloseable {
    public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";
    /** The backup host WeChat Pay documents for failover. */
    public static final String BACKUP_BASE_URL = "https://api2.wechatpay.cn";

    /** This library's version, as in its User-Agent. */
    public static final String VERSION = Release.VERSION;
    /** How often downloaded platform certificates are refreshed unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(60);

    private final String mchid;
    private final String merchantSerial;
    private final Verifier verifier;
    private final String baseUrl;
    private final Hosts hosts;
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final HttpTransport certificateTransport;
    private final boolean ownsCertificateTransport;
    private final java.util.concurrent.ExecutorService ownedWork;
    private final String transportName;
    private final JsonCodec codec;
    private final String codecName;
    private final Clock clock;
    private final NonceSource nonces;
    private final CertificateStore certificates;
    private final ApiV3Key apiV3Key;
    private final MerchantKey merchantKey;
    private final CryptoSuite suite;
    private final SensitiveFields sensitiveFields = new SensitiveFields();
    private final FrontEndPayments frontEnd;
    private final Scheme scheme;
    // the stages a call goes through: the scheme's own, and those of schemes routed by a path's first segment
    private final Pipeline pipeline;
    private final Routes routes;
    private final ObservedCalls observed;

    private WechatPay(ClientParts r) {
        this.mchid = r.mchid();
        this.merchantSerial = r.merchantSerial();
        this.apiV3Key = r.apiV3Key();
        this.merchantKey = r.merchantKey();
        this.suite = r.suite();
        this.certificates = r.certificates() == null
                ? null
                : new CertificateStore(
                        r.mchid(),
                        r.verifier() == null ? List.of() : r.verifier().keys(),
                        suite,
                        suite.resourceCipher(r.apiV3Key()),
                        r.codec(),
                        r.clock(),
                        r.window(),
                        this::downloadCertificates,
                        r.certificates().interval(),
                        r.certificates().onDemandLimit(),
                        r.certificates().scheduler());
        this.verifier = certificates != null ? certificates : r.verifier();
        this.baseUrl = r.baseUrl();
        this.hosts = r.hosts();
        this.transport = r.transport();
        this.ownsTransport = r.ownsTransport();
        this.certificateTransport = r.certificateTransport();
        this.ownsCertificateTransport = r.ownsCertificateTransport();
        this.ownedWork = r.ownedWork();
        this.transportName = r.transportName();
        this.codec = r.codec();
        this.codecName = r.codecName();
        this.clock = r.clock();
        this.nonces = new NonceSource(r.nonces());
        Signer signer = CheckedSigner.of(r.signer());
        Scheme.Parts parts =
                new Scheme.Parts(mchid, merchantSerial, signer, verifier, apiV3Key, clock, nonces::next, suite);
        this.scheme = create(r.scheme(), parts, "the scheme factory");
        this.pipeline = Pipeline.of(scheme, r, verifier, sensitiveFields, nonces);
        Map<String, Pipeline> byPrefix = new LinkedHashMap<>();
        r.routedSchemes()
                .forEach((segment, factory) -> byPrefix.put(
                        segment,
                        Pipeline.of(
                                create(factory, parts, "the scheme factory for " + segment + "/…"),
                                r,
                                verifier,
                                sensitiveFields,
                                nonces)));
        this.routes =
                new Routes(pipeline, byPrefix, p -> Downloads.over(new ClientFiles(p, r, this::requireMerchantKey)));
        this.observed = new ObservedCalls(r.observer());
        this.frontEnd = FrontEndPayments.of(mchid, signer, clock, nonces::next);
        if (r.warmUp()) {
            WarmUp.start(r.work(), transport, codec, certificateTransport);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint at {@code path} (relative to the base URL), e.g. {@code "v3/pay/transactions/native"}. */
    public Chain chain(String path) {
        return new Chain(this, List.copyOf(Chain.split(path)));
    }

    public String merchantId() {
        return mchid;
    }

    public String merchantSerialNumber() {
        return merchantSerial;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The base URL a request for {@code path} goes to: the host WeChat Pay serves that operation on (or its
     * replacement, {@link Builder#host}), otherwise {@link #baseUrl()}. {@code path} is raw, without the query.
     */
    public String baseUrlFor(String path) {
        return hosts.baseFor(path == null || path.startsWith("/") ? path : "/" + path);
    }

    public JsonCodec jsonCodec() {
        return codec;
    }

    public Verifier verifier() {
        return verifier;
    }

    /**
     * The files of this merchant: bills (plain and encrypted), receipts, fapiao files and any {@code download_url} a
     * query answered, each checked against its hash, size limit and (encrypted bills) AES-GCM tag.
     */
    public Downloads downloads() {
        return routes.ownDownloads();
    }

    /**
     * Front-end payment signing with this merchant's signer: the {@code wx.requestPayment} parameters (JSAPI,
     * mini-program) and the App SDK's {@code PayReq}.
     */
    public FrontEndPayments frontEnd() {
        return frontEnd;
    }

    /**
     * Encrypts a sensitive value (name, ID number, phone…) with the platform key the {@link EncryptionKeyPolicy}
     * picks. Put the ciphertext in the field and send the serial as {@code Wechatpay-Serial}. Records with
     * {@link io.github.wechatpay4j.crypto.Encrypted} components need none of this: the client encrypts them itself.
     */
    public EncryptedField encrypt(String plaintext) {
        PlatformKey key = pipeline.preparing().encryptionKey(null);
        return new EncryptedField(suite.encrypt(key.publicKey(), plaintext), key.serial());
    }

    /** Decrypts a field WeChat Pay encrypted to the merchant key (RSA-OAEP, or SM2) with the merchant's key. */
    public String decrypt(String ciphertext) {
        return requireMerchantKey().decrypt(ciphertext);
    }

    /**
     * A copy of {@code value} (a record, possibly nested, or a list/map of records) with every
     * {@link io.github.wechatpay4j.crypto.Encrypted} component decrypted with the merchant private key.
     */
    @SuppressWarnings("unchecked")
    public <T> T decryptFields(T value) {
        MerchantKey key = requireMerchantKey();
        return (T) sensitiveFields.apply(value, key::decrypt);
    }

    private MerchantKey requireMerchantKey() {
        if (merchantKey == null) {
            throw new ConfigurationException("decrypting sensitive fields needs the merchant private key, but this"
                    + " client signs with a custom Signer: decrypt with RsaOaep.decrypt where your key lives, or give"
                    + " a MerchantKey of yours that decrypts there to merchantKey(…)");
        }
        return merchantKey;
    }

    /**
     * The notification parser for this merchant: the client's verification keys (including downloaded certificates),
     * its APIv3 key, JSON codec and clock, a 5-minute window.
     *
     * @throws ConfigurationException when no APIv3 key was configured
     */
    public Notifications notifications() {
        if (apiV3Key == null) {
            throw new ConfigurationException("notifications are encrypted with the APIv3 key: configure it with"
                    + " WechatPay.builder().apiV3Key(\"…32 characters…\")");
        }
        return Notifications.of(scheme, codec).withClock(clock);
    }

    /** What this client holds now (keys, certificate expiry, the last certificate download), for a health check. */
    public ClientStatus status() {
        return new ClientStatus(
                mchid,
                merchantSerial,
                merchantKey != null,
                apiV3Key != null,
                verifier.keys(),
                certificates == null ? null : certificates.refreshState());
    }

    /**
     * Downloads the platform certificates now (clients built with {@link Builder#autoCertificates()}).
     *
     * @return the serials and public key IDs held afterwards
     * @throws WechatPayException (typed) when the download fails or is rejected; the previous keys are kept
     */
    public Set<String> refreshPlatformCertificates() {
        if (certificates == null) {
            throw new ConfigurationException("this client does not download platform certificates; build it with"
                    + " autoCertificates() and apiV3Key(…)");
        }
        return certificates.refresh();
    }

    /**
     * Stops the certificate refresh and closes the HTTP transports and work pool this client created; a transport or
     * executor passed to the builder, and {@link ClientResources}, stay open.
     */
    @Override
    public void close() {
        if (certificates != null) {
            certificates.close();
        }
        if (ownsTransport) {
            transport.close();
        }
        if (ownsCertificateTransport) {
            certificateTransport.close();
        }
        if (ownedWork != null) {
            ownedWork.shutdown();
        }
    }

    /** The signed 2xx answer to {@code GET /v3/certificates}, for the certificate store (which verifies it). */
    private HttpResponse downloadCertificates() {
        // algorithm_type=RSA as the reference SDKs ask, SM2 for a ShangMi merchant key
        Prepared call = pipeline.preparing()
                .prepare(
                        "GET",
                        List.of("v3", "certificates"),
                        Options.query("algorithm_type", certificates.algorithmType()));
        HttpResponse response = pipeline.exchange().send(pipeline.signing().sign(call, baseUrl));
        if (response.isSuccessful()) {
            return response;
        }
        ServiceException error =
                pipeline.errors().decode(response, response.requestId().orElse(null));
        if (response.statusCode() == 404
                || error.code().filter("RESOURCE_NOT_EXISTS"::equals).isPresent()) {
            throw new NoPlatformCertificatesException(
                    "WeChat Pay has no platform certificates for merchant " + mchid
                            + " (GET /v3/certificates answered HTTP " + response.statusCode()
                            + error.code().map(c -> " " + c).orElse("")
                            + "): this merchant verifies with a WeChat Pay public key only. Remove"
                            + " autoCertificates() and configure wechatpayPublicKey(\"PUB_KEY_ID_…\", Path.of(\"pub_key.pem\"))"
                            + " with the key ID and pub_key.pem from the merchant platform (API安全 → 微信支付公钥)",
                    error);
        }
        throw error;
    }

    @Override
    public String toString() {
        return "WechatPay[mchid=" + mchid + ", serial=" + merchantSerial + ", baseUrl=" + baseUrl + ", transport="
                + transportName + ", json=" + codecName + ", keys=" + verifier.serialNumbers() + "]";
    }

    // ------------------------------------------------------------------ the pipeline: prepare, sign, exchange, verify

    ApiResponse execute(String method, List<String> segments, Options options) {
        Pipeline p = routes.route(segments);
        return observed.execute(method, segments, () -> p.execute(method, segments, options));
    }

    CompletableFuture<ApiResponse> executeAsync(String method, List<String> segments, Options options) {
        Pipeline p = routes.route(segments);
        return observed.executeAsync(method, segments, () -> p.executeAsync(method, segments, options));
    }

    java.net.URI link(List<String> segments, Options options) {
        return routes.link(segments, options, hosts::baseFor);
    }

    Downloads downloadsFor(List<String> segments) {
        return routes.downloadsFor(segments);
    }

    private static Scheme create(Scheme.Factory factory, Scheme.Parts parts, String what) {
        Scheme created = factory.create(parts);
        if (created == null) {
            throw new ConfigurationException(what + " returned no scheme");
        }
        return created;
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link WechatPay}. Required: merchant ID, merchant certificate serial number, the private key (or
     * a {@link Signer}), and at least one verification key (WeChat Pay public key and/or platform certificates, or a
     * {@link Verifier}). Everything else has a default. Not thread-safe; {@link #build()} checks everything and
     * throws {@link ConfigurationException} with what to fix.
     */
    public static final class Builder extends ClientSettings {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Checks every setting and builds the client; a {@link ConfigurationException} says what to fix. */
        public WechatPay build() {
            WechatPay client = new WechatPay(resolve());
            if (client.certificates != null) {
                try {
                    client.certificates.start();
                } catch (RuntimeException e) {
                    client.close();
                    throw e;
                }
                if (client.verifier.serialNumbers().contains(client.merchantSerial)) {
                    client.close();
                    throw new ConfigurationException(
                            "the merchant certificate serial " + client.merchantSerial + " is among the"
                                    + " downloaded platform certificates: merchantSerialNumber must be the merchant API"
                                    + " certificate's serial, not a platform certificate's");
                }
            }
            return client;
        }
    }
}
