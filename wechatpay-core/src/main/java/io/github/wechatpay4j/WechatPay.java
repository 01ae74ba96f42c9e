package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.EncryptedField;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.RsaOaep;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import io.github.wechatpay4j.http.StreamingHttpResponse;
import io.github.wechatpay4j.internal.CertificateStore;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.FourByteCharacters;
import io.github.wechatpay4j.internal.Hosts;
import io.github.wechatpay4j.internal.Idempotency;
import io.github.wechatpay4j.internal.NoPlatformCertificatesException;
import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.internal.PercentEncoding;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.internal.SensitiveFields;
import io.github.wechatpay4j.internal.Uploads;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.notification.Notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
 * they share nothing. {@link #close()} releases the HTTP transport if the client created it.
 */
public final class WechatPay implements AutoCloseable {
    public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";
    /** The backup host WeChat Pay documents for failover. */
    public static final String BACKUP_BASE_URL = "https://api2.wechatpay.cn";
    public static final String VERSION = readVersion();
    /** How often downloaded platform certificates are refreshed unless configured otherwise. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(60);

    private static final System.Logger LOG = System.getLogger(WechatPay.class.getName());

    private final String mchid;
    private final String merchantSerial;
    private final Signer signer;
    private final Verifier verifier;
    private final String baseUrl;
    private final Hosts hosts;
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final String transportName;
    private final JsonCodec codec;
    private final String codecName;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final Duration window;
    private final String userAgent;
    private final CertificateStore certificates;
    private final ApiV3Key apiV3Key;
    private final PrivateKey privateKey;
    private final EncryptionKeyPolicy keyPolicy;
    private final boolean alwaysSendSerial;
    private final SensitiveFields sensitiveFields = new SensitiveFields();
    private final RetryPolicy retryPolicy;
    private final String backupBaseUrl;
    private final Executor retryExecutor;
    private final long maxDownloadBytes;
    private final Digests digests;

    private WechatPay(ClientParts r) {
        this.mchid = r.mchid();
        this.merchantSerial = r.merchantSerial();
        this.signer = r.signer();
        this.apiV3Key = r.apiV3Key();
        this.privateKey = r.privateKey();
        this.keyPolicy = r.keyPolicy();
        this.alwaysSendSerial = r.alwaysSendSerial();
        this.certificates = r.certificates() == null ? null : new CertificateStore(r.mchid(),
                r.verifier() == null ? List.of() : r.verifier().keys(), r.apiV3Key(), r.codec(), r.clock(), r.window(),
                this::downloadCertificates, r.certificates().interval(), r.certificates().onDemandLimit(),
                r.certificates().scheduler());
        this.verifier = certificates != null ? certificates : r.verifier();
        this.baseUrl = r.baseUrl();
        this.hosts = r.hosts();
        this.transport = r.transport();
        this.ownsTransport = r.ownsTransport();
        this.transportName = r.transportName();
        this.codec = r.codec();
        this.codecName = r.codecName();
        this.clock = r.clock();
        this.nonces = r.nonces();
        this.window = r.window();
        this.userAgent = r.userAgent();
        this.retryPolicy = r.retryPolicy();
        this.backupBaseUrl = r.backupBaseUrl();
        this.retryExecutor = r.retryExecutor();
        this.maxDownloadBytes = r.maxDownloadBytes();
        this.digests = r.digests();
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
     * Signs the {@code wx.requestPayment} parameters for a JSAPI or mini-program order.
     *
     * @param appId    the AppID the order was placed for ({@code sub_appid} when the payer uses the sub-merchant's)
     * @param prepayId the {@code prepay_id} from {@code POST /v3/pay/transactions/jsapi}
     */
    public JsapiPayment jsapiPayment(String appId, String prepayId) {
        requireText(appId, "appId");
        String packageValue = "prepay_id=" + requireText(prepayId, "prepayId");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        return new JsapiPayment(appId, timestamp, nonce, packageValue, "RSA",
                signFrontEnd(appId, timestamp, nonce, packageValue));
    }

    /** {@link #jsapiPayment(String, String)} from the verified answer of the prepay call ({@code prepay_id}). */
    public JsapiPayment jsapiPayment(String appId, ApiResponse prepayResponse) {
        return jsapiPayment(appId, prepayId(prepayResponse));
    }

    /** {@link #jsapiPayment(String, String)} from a typed prepay answer ({@code Jsapi.PostResponse} and the like). */
    public JsapiPayment jsapiPayment(String appId, PrepayAnswer prepayAnswer) {
        return jsapiPayment(appId, prepayId(prepayAnswer));
    }

    /**
     * Signs the App SDK's {@code PayReq} parameters; {@code partnerid} is this client's merchant ID.
     *
     * @param appId    the mobile application's AppID
     * @param prepayId the {@code prepay_id} from {@code POST /v3/pay/transactions/app}
     */
    public AppPayment appPayment(String appId, String prepayId) {
        return appPayment(appId, mchid, prepayId);
    }

    /** As {@link #appPayment(String, String)} with a partner ID of your own (a service provider's sub-merchant). */
    public AppPayment appPayment(String appId, String partnerId, String prepayId) {
        requireText(appId, "appId");
        requireText(partnerId, "partnerId");
        requireText(prepayId, "prepayId");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        return new AppPayment(appId, partnerId, prepayId, "Sign=WXPay", nonce, timestamp,
                signFrontEnd(appId, timestamp, nonce, prepayId));
    }

    /** {@link #appPayment(String, String)} from the verified answer of the prepay call ({@code prepay_id}). */
    public AppPayment appPayment(String appId, ApiResponse prepayResponse) {
        return appPayment(appId, prepayId(prepayResponse));
    }

    /** {@link #appPayment(String, String)} from a typed prepay answer ({@code App.PostResponse}). */
    public AppPayment appPayment(String appId, PrepayAnswer prepayAnswer) {
        return appPayment(appId, prepayId(prepayAnswer));
    }

    private static String prepayId(PrepayAnswer answer) {
        if (answer == null) {
            throw new InvalidRequestException("the prepay answer must not be null");
        }
        return answer.prepayId();
    }

    private static String prepayId(ApiResponse response) {
        if (response == null) {
            throw new InvalidRequestException("the prepay response must not be null");
        }
        Object id = response.asMap().get("prepay_id");
        if (!(id instanceof String s) || s.isEmpty()) {
            throw new MalformedResponseException("the prepay answer has no \"prepay_id\"; pass the answer of POST"
                    + " /v3/pay/transactions/jsapi (or /app)", response.statusCode(),
                    response.requestId().orElse(null), null);
        }
        return s;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0) {
            throw new InvalidRequestException(name + " must be non-empty text on one line");
        }
        return value;
    }

    private String nonce() {
        String nonce = nonces.get();
        if (!Protocol.isValidNonce(nonce)) {
            throw new ConfigurationException("the nonce supplier returned an invalid nonce: WeChat Pay expects 1 to 32"
                    + " characters of [0-9A-Za-z]");
        }
        return nonce;
    }

    /** SHA256withRSA over four lines, each ending in {@code \n}, with the merchant's signer. */
    private String signFrontEnd(String... lines) {
        return sign((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Downloads a bill to {@code target}, as {@link Download#toFile} does: {@code bill} is the bill query's answer
     * ({@link BillFile}, a typed {@code tradebill} or {@code fundflowbill} answer). Whether it is gzipped
     * ({@code tar_type=GZIP}) is read from the file itself; the gzip data is read to its very end, the size limit
     * ({@link Builder#maxDownloadBytes}) and the SHA-1 WeChat Pay announced are checked before the file is moved into
     * place. On any failure nothing is left behind and an existing {@code target} is untouched.
     *
     * @return the bill's size in bytes (un-gzipped)
     * @throws DownloadException corrupt or truncated gzip, too large, hash mismatch, write failure
     * @throws TransportException I/O failure or timeout while downloading
     * @throws ServiceException WeChat Pay refused the download (an expired URL, for example)
     */
    public long downloadBill(DownloadLocation bill, Path target) {
        return download(bill).gunzipIfGzipped().toFile(target).size();
    }

    /** {@link #downloadBill(DownloadLocation, Path)} into {@code out} (left open), as {@link Download#to} does. */
    public long downloadBill(DownloadLocation bill, OutputStream out) {
        return download(bill).gunzipIfGzipped().to(out).size();
    }

    /** A bill streamed into {@code out}, unverified until it returns, as {@link Download#toUnverified} does. */
    public long downloadBillUnverified(DownloadLocation bill, OutputStream out) {
        return download(bill).gunzipIfGzipped().toUnverified(out).size();
    }

    /**
     * One file of an encrypted bill (an {@link EncryptedBillFile}, an item of the typed sub-merchant fund-flow
     * answer) to {@code target}: its key unwrapped with the merchant private key, the file decrypted (AES-256-GCM)
     * as a stream, un-gzipped when it is gzip. Same guarantees as {@link #downloadBill(DownloadLocation, Path)}, plus
     * the AES-GCM tag over all of the file.
     */
    public long downloadBill(EncryptedDownloadLocation bill, Path target) {
        return EncryptedBills.download(this, this::requirePrivateKey, bill).toFile(target).size();
    }

    /** {@link #downloadBill(EncryptedDownloadLocation, Path)} into {@code out} (left open), verified first. */
    public long downloadBill(EncryptedDownloadLocation bill, OutputStream out) {
        return EncryptedBills.download(this, this::requirePrivateKey, bill).to(out).size();
    }

    /**
     * An encrypted bill streamed into {@code out} as it is decrypted. <strong>Unverified until this method
     * returns</strong>: AES-GCM in a stream is malleable until its tag is checked at the end ({@code 100.00} can
     * become {@code 900.00}), so discard what was written on any exception.
     */
    public long downloadBillUnverified(EncryptedDownloadLocation bill, OutputStream out) {
        return EncryptedBills.download(this, this::requirePrivateKey, bill).toUnverified(out).size();
    }

    /**
     * A file at a {@code download_url} a query answered (bills, electronic receipts, fapiao files), fetched with a
     * signed GET; WeChat Pay does not sign the file itself. Chain {@link Download#expect} with the answer's hash, then
     * {@link Download#toFile}. The URL must be on this client's API host or its backup host: the merchant signature
     * is never sent elsewhere.
     *
     * @throws MalformedResponseException when the URL is not a URL on those hosts
     */
    public Download download(String downloadUrl) {
        Map.Entry<String, String> target = DownloadUrls.target(baseUrl, backupBaseUrl, downloadUrl);
        return Download.of(this, target.getKey(), target.getValue(), Headers.empty(), true);
    }

    /**
     * The file a query answered ({@link DownloadLocation}: a receipt, a bill, any typed answer with
     * {@code download_url}, {@code hash_type} and {@code hash_value}), its hash to be checked:
     * {@code download(url).expect(hashType, hashValue)}.
     */
    public Download download(DownloadLocation location) {
        if (location == null) {
            throw new InvalidRequestException("the location to download is required");
        }
        return download(location.downloadUrl()).expect(location.hashAlgorithm(), location.hashValue());
    }

    /**
     * Signs and sends a GET for a file, hands a 2xx answer to {@code reader} and closes it; anything else is a
     * {@link ServiceException}, an I/O failure a {@link TransportException}.
     */
    <T> T streamDownload(String base, String pathAndQuery, Headers extra, Download.Reader<T> reader) {
        Headers.Builder headers = Headers.builder().set("Accept", "*/*").set("User-Agent", userAgent);
        extra.names().forEach(headers::remove);
        extra.forEach(headers::add);
        if (alwaysSendSerial && !extra.contains(Protocol.HEADER_SERIAL)) {
            keyPolicy.select(verifier.keys(), clock.instant())
                    .ifPresent(k -> headers.set(Protocol.HEADER_SERIAL, k.serial()));
        }
        HttpRequest request = signedRequest("GET", base, pathAndQuery, headers, new byte[0], new byte[0]);
        StreamingHttpResponse response;
        try {
            response = transport.stream(request);
        } catch (IOException | RuntimeException e) {
            throw transportFailure(request, e);
        }
        if (response == null) {
            throw transportFailure(request, new IOException("the transport returned no response"));
        }
        try (response) {
            if (!response.isSuccessful()) {
                byte[] body = response.body().readNBytes(64 * 1024);
                throw serviceException(new HttpResponse(response.statusCode(), response.headers(), body),
                        response.headers().first("Request-ID").orElse(null));
            }
            return reader.read(response);
        } catch (IOException e) {
            throw transportFailure(request, e);
        }
    }

    /** Verifies a signed answer over {@code signed} (what WeChat Pay signed, the body or a stand-in for it). */
    void verifyAnswer(Headers headers, byte[] signed, String what) {
        try {
            Protocol.verify(headers, signed, verifier, clock, window);
        } catch (SignatureVerificationException e) {
            throw new SignatureVerificationException(e.reason(), e.getMessage() + " [" + what + "]", e);
        }
    }

    Digests digests() {
        return digests;
    }

    long maxDownloadBytes() {
        return maxDownloadBytes;
    }

    /**
     * Encrypts a sensitive value (name, ID number, phone…) with the platform key the {@link EncryptionKeyPolicy}
     * picks. Put the ciphertext in the field and send the serial as {@code Wechatpay-Serial}. Records with
     * {@link io.github.wechatpay4j.crypto.Encrypted} components need none of this: the client encrypts them itself.
     */
    public EncryptedField encrypt(String plaintext) {
        PlatformKey key = encryptionKey(null);
        return new EncryptedField(RsaOaep.encrypt(key.publicKey(), plaintext), key.serial());
    }

    /** Decrypts a field WeChat Pay encrypted to the merchant key (RSA-OAEP) with the merchant private key. */
    public String decrypt(String ciphertext) {
        return RsaOaep.decrypt(requirePrivateKey(), ciphertext);
    }

    /**
     * A copy of {@code value} (a record, possibly nested, or a list/map of records) with every
     * {@link io.github.wechatpay4j.crypto.Encrypted} component decrypted with the merchant private key.
     */
    @SuppressWarnings("unchecked")
    public <T> T decryptFields(T value) {
        PrivateKey key = requirePrivateKey();
        return (T) sensitiveFields.apply(value, ciphertext -> RsaOaep.decrypt(key, ciphertext));
    }

    private PrivateKey requirePrivateKey() {
        if (privateKey == null) {
            throw new ConfigurationException("decrypting sensitive fields needs the merchant private key, but this"
                    + " client signs with a custom Signer: decrypt with RsaOaep.decrypt where your key lives");
        }
        return privateKey;
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
        return Notifications.of(verifier, apiV3Key, codec).withClock(clock);
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
     * Stops the certificate refresh and closes the HTTP transport when this client created it; a transport passed to
     * the builder stays open.
     */
    @Override
    public void close() {
        if (certificates != null) {
            certificates.close();
        }
        if (ownsTransport) {
            transport.close();
        }
    }

    /** The signed 2xx answer to {@code GET /v3/certificates}, for the certificate store (which verifies it). */
    private HttpResponse downloadCertificates() {
        // algorithm_type=RSA as the reference SDKs ask; the ShangMi scheme will ask for SM2 the same way
        HttpResponse response = exchange(prepare("GET", List.of("v3", "certificates"),
                Options.query("algorithm_type", "RSA")).sign(this, baseUrl));
        if (response.isSuccessful()) {
            return response;
        }
        ServiceException error = serviceException(response, response.requestId().orElse(null));
        if (response.statusCode() == 404 || error.code().filter("RESOURCE_NOT_EXISTS"::equals).isPresent()) {
            throw new NoPlatformCertificatesException("WeChat Pay has no platform certificates for merchant " + mchid
                    + " (GET /v3/certificates answered HTTP " + response.statusCode() + error.code().map(c -> " " + c)
                    .orElse("") + "): this merchant verifies with a WeChat Pay public key only. Remove"
                    + " autoCertificates() and configure wechatpayPublicKey(\"PUB_KEY_ID_…\", Path.of(\"pub_key.pem\"))"
                    + " with the key ID and pub_key.pem from the merchant platform (API安全 → 微信支付公钥)", error);
        }
        throw error;
    }

    @Override
    public String toString() {
        return "WechatPay[mchid=" + mchid + ", serial=" + merchantSerial + ", baseUrl=" + baseUrl + ", transport="
                + transportName + ", json=" + codecName + ", keys=" + verifier.serialNumbers() + "]";
    }

    // ------------------------------------------------------------------ execution (one path for sync and async)

    ApiResponse execute(String method, List<String> segments, Options options) {
        Prepared call = prepare(method, segments, options);
        long start = System.nanoTime();
        String base = hosts.baseFor(call.path());
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = call.sign(this, base);
            WechatPayException failure;
            String requestId = null;
            try {
                HttpResponse response = exchange(request);
                requestId = response.requestId().orElse(null);
                return handle(request, response);
            } catch (TransportException | ServiceException | SignatureVerificationException
                     | MalformedResponseException e) {
                failure = e;
            }
            long delay = Retries.delayBeforeNext(call, failure, attempt, start);
            if (delay < 0) {
                throw Retries.terminal(call, failure, attempt, requestId);
            }
            base = nextBase(base, failure);
            try {
                Retries.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Retries.terminal(call, failure, attempt, requestId);
            }
        }
    }

    /** The host for the next attempt: the backup host after a connection failure, when one is configured. */
    private String nextBase(String current, WechatPayException failure) {
        if (backupBaseUrl != null && failure instanceof TransportException t && t.isConnectFailure()
                && (hosts.isMain(current) || current.equals(backupBaseUrl))) {
            String next = current.equals(baseUrl) ? backupBaseUrl : baseUrl;
            LOG.log(System.Logger.Level.INFO, () -> "cannot connect to " + current + "; the next attempt goes to "
                    + next);
            return next;
        }
        return current;
    }

    /** One blocking exchange; I/O failures become {@link TransportException}. */
    private HttpResponse exchange(HttpRequest request) {
        HttpResponse response;
        try {
            response = transport.send(request);
        } catch (IOException | RuntimeException e) {
            throw transportFailure(request, e);
        }
        if (response == null) {
            throw transportFailure(request, new IOException("the transport returned no response"));
        }
        return response;
    }

    CompletableFuture<ApiResponse> executeAsync(String method, List<String> segments, Options options) {
        Prepared call;
        try {
            call = prepare(method, segments, options);
        } catch (WechatPayException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpResponse>> inFlight = new AtomicReference<>();
        attemptAsync(call, 1, System.nanoTime(), hosts.baseFor(call.path()), result, inFlight);
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                CompletableFuture<HttpResponse> sent = inFlight.get();
                if (sent != null) {
                    sent.cancel(true);
                }
            }
        });
        return result;
    }

    private void attemptAsync(Prepared call, int attempt, long start, String base, CompletableFuture<ApiResponse> result,
                              AtomicReference<CompletableFuture<HttpResponse>> inFlight) {
        if (result.isDone()) {
            return;
        }
        HttpRequest request;
        CompletableFuture<HttpResponse> sent;
        try {
            request = call.sign(this, base);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        try {
            sent = transport.sendAsync(request);
            if (sent == null) {
                sent = CompletableFuture.failedFuture(new IOException("the transport returned no future"));
            }
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        inFlight.set(sent);
        if (result.isCancelled()) {
            sent.cancel(true);
            return;
        }
        sent.whenComplete((response, error) -> {
            WechatPayException failure;
            String requestId = null;
            try {
                if (error != null) {
                    throw transportFailure(request, unwrap(error));
                }
                if (response == null) {
                    throw transportFailure(request, new IOException("the transport completed with no response"));
                }
                requestId = response.requestId().orElse(null);
                result.complete(handle(request, response));
                return;
            } catch (TransportException | ServiceException | SignatureVerificationException
                     | MalformedResponseException e) {
                failure = e;
            } catch (RuntimeException e) { // cancellation, or a bug: reported as it is
                result.completeExceptionally(e);
                return;
            }
            long delay = Retries.delayBeforeNext(call, failure, attempt, start);
            if (delay < 0) {
                result.completeExceptionally(Retries.terminal(call, failure, attempt, requestId));
                return;
            }
            String next = nextBase(base, failure);
            CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, retryExecutor)
                    .execute(() -> attemptAsync(call, attempt + 1, start, next, result, inFlight));
        });
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private RuntimeException transportFailure(HttpRequest request, Throwable error) {
        if (error instanceof WechatPayException e) {
            return e;
        }
        if (error instanceof CancellationException e) {
            return e;
        }
        String what = request.method() + " " + request.uri().getRawPath();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException e) {
                return new MalformedResponseException("the answer to " + what + " is larger than the limit of "
                        + e.limit() + " bytes, and was not read to the end: raise WechatPay.Builder.maxResponseBytes"
                        + " if this endpoint really answers that much", 0, null, e);
            }
        }
        boolean timeout = isTimeout(error);
        boolean connect = isConnectFailure(error);
        String message = (timeout ? "timed out: " : "failed: ") + what + " (" + error.getClass().getSimpleName()
                + (error.getMessage() != null ? ": " + error.getMessage() : "") + ")";
        if (connect) {
            message += "; the connection could not be made, so nothing was sent";
        }
        return new TransportException("HTTP exchange " + message, error, timeout, connect);
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the connection was never made: refused, unknown host, no route, or a connect timeout (by the JDK's,
     * OkHttp's and Apache's names for it). Nothing of the request can have reached WeChat Pay.
     */
    static boolean isConnectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.UnknownHostException || name.contains("ConnectTimeout")
                    || name.equals("HttpHostConnectException")
                    || t instanceof SocketTimeoutException && "connect timed out".equalsIgnoreCase(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Builds the exact request: path and query encoded once, body written once, the same bytes signed and sent. */
    Prepared prepare(String method, List<String> segments, Options options) {
        if (options == null) {
            throw new InvalidRequestException("options must not be null; use Options.none()");
        }
        if (method == null || method.isBlank()) {
            throw new InvalidRequestException("HTTP method must not be empty");
        }
        if (options.headers().contains("Authorization")) {
            throw new InvalidRequestException("do not set the Authorization header: the client signs every request"
                    + " itself");
        }
        String verb = method.strip().toUpperCase(Locale.ROOT);
        if (!verb.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new InvalidRequestException("'" + method + "' is not an HTTP method");
        }
        String path = expandPath(segments, options.pathValues());
        String pathAndQuery = appendQuery(path, options.queryParameters());
        String callerSerial = options.headers().first(Protocol.HEADER_SERIAL).orElse(null);
        PlatformKey[] usedKey = new PlatformKey[1];
        java.util.function.UnaryOperator<Object> encrypt = value -> value == null
                || !sensitiveFields.mayContain(value) ? value : sensitiveFields.apply(value, plaintext -> {
                    if (usedKey[0] == null) {
                        usedKey[0] = encryptionKey(callerSerial);
                    }
                    return RsaOaep.encrypt(usedKey[0].publicKey(), plaintext);
                });
        Object json = encrypt.apply(options.jsonBody());
        byte[] body;
        byte[] signed; // the body itself, or for an upload the meta JSON
        String contentType = "application/json";
        Media media = options.media();
        if (media != null) {
            checkUpload(verb, path, media);
            String boundary = "wechatpay4j-" + nonce();
            UploadBody upload = UploadBody.of(path, media, boundary, encrypt, meta -> writeJson(verb, path, meta),
                    bytes -> codec.read(bytes, JsonTypes.MAP), digests);
            signed = upload.meta();
            body = upload.body();
            contentType = "multipart/form-data; boundary=" + boundary;
        } else {
            body = body(verb, path, options, json);
            signed = body;
        }

        // Content-Type on every request, a GET included, as the official client sends it (OfficialClientPeerTest)
        Headers.Builder headers = Headers.builder()
                .set("Accept", "application/json")
                .set("User-Agent", userAgent)
                .set("Content-Type", contentType);
        // the caller's headers replace the defaults of the same name, in one pass
        options.headers().names().forEach(headers::remove);
        options.headers().forEach(headers::add);
        if (usedKey[0] != null) {
            headers.set(Protocol.HEADER_SERIAL, usedKey[0].serial()); // the key that actually encrypted
        } else if ((alwaysSendSerial || options.namesEncryptionKey()) && callerSerial == null) {
            keyPolicy.select(verifier.keys(), clock.instant())
                    .ifPresent(k -> headers.set(Protocol.HEADER_SERIAL, k.serial()));
        }
        if (media == null) {
            FourByteCharacters.check(verb, path, body);
        }
        String idempotencyKey = options.headers().first(Idempotency.HEADER).orElse(null);
        if (idempotencyKey != null) {
            Idempotency.check(idempotencyKey);
        } else if (Idempotency.keyRequired(verb, path)) {
            idempotencyKey = nonce(); // 32 characters of [0-9A-Za-z] from a SecureRandom, kept for every retry
            headers.set(Idempotency.HEADER, idempotencyKey);
        }
        BusinessKey key = options.businessKey().orElse(null);
        if (key == null) {
            key = Idempotency.knownKey(verb, path, bytes -> codec.read(bytes, JsonTypes.MAP), body);
        }
        if (key == null && idempotencyKey != null) {
            key = new BusinessKey(Idempotency.HEADER, idempotencyKey);
        }
        boolean retrySafe = verb.equals("GET") || key != null;
        RetryPolicy policy = options.retryPolicy() != null ? options.retryPolicy() : retryPolicy;
        return new Prepared(verb, path, pathAndQuery, headers.build(), body, signed, retrySafe, key, idempotencyKey,
                policy);
    }

    /**
     * A request ready to send but for its signature, which every attempt adds afresh (new timestamp and nonce) over
     * the same method, path, headers and body bytes.
     *
     * @param path      the raw path without the query, for messages
     * @param signed    what is signed: the body itself, or for an upload its meta JSON
     * @param retrySafe a GET, or an operation idempotent by {@code businessKey}
     */
    record Prepared(String verb, String path, String pathAndQuery, Headers headers, byte[] body, byte[] signed,
                    boolean retrySafe, BusinessKey businessKey, String idempotencyKey, RetryPolicy policy) {

        HttpRequest sign(WechatPay client, String base) {
            return client.signedRequest(verb, base, pathAndQuery, headers.toBuilder(), body, signed);
        }
    }

    /** Signs {@code signed} for {@code verb pathAndQuery} and adds {@code Authorization}. */
    private HttpRequest signedRequest(String verb, String base, String pathAndQuery, Headers.Builder headers,
                                      byte[] body, byte[] signed) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = nonce();
        String signature = sign(Protocol.requestMessage(verb, pathAndQuery, timestamp, nonce, signed));
        Headers built = headers.set("Authorization", Protocol.authorization(signer.algorithm(), mchid, nonce,
                timestamp, merchantSerial, signature)).build();
        return new HttpRequest(verb, URI.create(base + pathAndQuery), built, body);
    }

    /**
     * The platform key to encrypt with: the one the caller's {@code Wechatpay-Serial} names, or the policy's choice.
     */
    private PlatformKey encryptionKey(String callerSerial) {
        List<PlatformKey> keys = verifier.keys();
        if (callerSerial != null) {
            String wanted = Keys.normalizeSerial(callerSerial);
            PlatformKey key = keys.stream().filter(k -> k.serial().equals(wanted)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("the request's Wechatpay-Serial '" + callerSerial
                            + "' names no platform key this client holds " + verifier.serialNumbers() + "; leave the"
                            + " header out and the client names the key it encrypts with"));
            if (!key.isValidAt(clock.instant())) {
                throw new InvalidRequestException("the request's Wechatpay-Serial names platform certificate "
                        + key.serial() + ", which is not valid now (" + key.notBefore() + " to " + key.notAfter()
                        + "); leave the header out and the client picks a valid key");
            }
            return key;
        }
        return keyPolicy.select(keys, clock.instant()).orElseThrow(() -> new ConfigurationException("no platform"
                + " key can encrypt sensitive fields: " + (keys.isEmpty() ? "the verifier " + verifier.getClass()
                .getName() + " exposes no keys (Verifier.keys())" : "every platform certificate held " + verifier
                .serialNumbers() + " has expired") + "; configure the WeChat Pay public key or current platform"
                + " certificates"));
    }

    /** Uploads are POSTed, and the known endpoints' formats and sizes are checked before anything is sent. */
    private static void checkUpload(String verb, String path, Media media) {
        if (!verb.equals("POST")) {
            throw new InvalidRequestException("an upload is sent with POST, not " + verb + " (" + path + ")");
        }
        Uploads.rule(path).ifPresent(rule -> {
            long limit = rule.limitFor(media.extension()).orElseThrow(() -> new InvalidRequestException("POST "
                    + path + " takes " + new java.util.TreeSet<>(rule.extensions()) + " files, not '"
                    + media.filename() + "'"));
            if (media.size() > limit) {
                throw new InvalidRequestException("'" + media.filename() + "' is " + media.size() + " bytes; POST "
                        + path + " takes ." + media.extension() + " files of at most " + limit + " bytes ("
                        + String.format(Locale.ROOT, "%.1f", limit / 1048576.0) + " MiB): compress or resize it"
                        + " first");
            }
        });
    }

    /** The merchant signature over {@code message}, checked to be Base64 whatever signer produced it. */
    private String sign(byte[] message) {
        String signature;
        try {
            signature = signer.sign(message);
        } catch (WechatPayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException("the signer " + signer.getClass().getName() + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
        if (signature == null || signature.isEmpty() || !signature.chars().allMatch(WechatPay::isBase64Char)) {
            throw new ConfigurationException("the signer " + signer.getClass().getName() + " returned "
                    + (signature == null || signature.isEmpty() ? "no signature" : "a signature that is not Base64"));
        }
        return signature;
    }

        private byte[] body(String verb, String path, Options options, Object json) {
        if (options.rawJsonBody() != null) {
            return options.rawJsonBody();
        }
        if (json == null) {
            return new byte[0];
        }
        if (verb.equals("GET")) {
            throw new InvalidRequestException("GET " + path + " cannot carry a body: give its parameters with"
                    + " Options.withQuery");
        }
        return writeJson(verb, path, json);
    }

    private byte[] writeJson(String verb, String path, Object json) {
        try {
            return codec.write(json);
        } catch (JsonCodecException e) {
            throw new InvalidRequestException("cannot write the body of " + verb + " " + path + " as JSON: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cannot write the body of " + verb + " " + path + " as JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    static String expandPath(List<String> segments, Map<String, String> values) {
        StringBuilder path = new StringBuilder();
        Set<String> used = new HashSet<>();
        for (String segment : segments) {
            path.append('/');
            int segmentStart = path.length();
            int i = 0;
            while (i < segment.length()) {
                int open = segment.indexOf('{', i);
                if (open < 0) {
                    path.append(PercentEncoding.encodeLiteralSegment(segment.substring(i)));
                    break;
                }
                int close = segment.indexOf('}', open);
                if (close < 0) {
                    throw new InvalidRequestException("the path segment '" + segment + "' has an unclosed '{'");
                }
                path.append(PercentEncoding.encodeLiteralSegment(segment.substring(i, open)));
                String name = segment.substring(open + 1, close);
                String value = values.get(name);
                if (value == null) {
                    throw new InvalidRequestException("no value for the path placeholder {" + name + "} of /"
                            + String.join("/", segments) + ": add Options.withPath(\"" + name + "\", value)");
                }
                used.add(name);
                path.append(PercentEncoding.encode(value));
                i = close + 1;
            }
            String sent = PercentEncoding.decode(path.substring(segmentStart));
            if (sent.equals(".") || sent.equals("..")) { // a dot segment: some clients resolve it, so the request
                // would go to another path than the one signed
                throw new InvalidRequestException("the path segment '" + segment + "' of /" + String.join("/", segments)
                        + " would be '" + sent + "', a dot segment that HTTP clients may resolve to another path:"
                        + " check the value given with Options.withPath (an order number from user input?)");
            }
        }
        if (!used.containsAll(values.keySet())) {
            Set<String> unused = new HashSet<>(values.keySet());
            unused.removeAll(used);
            throw new InvalidRequestException("path values " + unused + " match no {placeholder} in /"
                    + String.join("/", segments));
        }
        return path.toString();
    }

    static String appendQuery(String path, List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            Map.Entry<String, String> e = query.get(i);
            sb.append(PercentEncoding.encode(e.getKey())).append('=').append(PercentEncoding.encode(e.getValue()));
        }
        return sb.toString();
    }

    private ApiResponse handle(HttpRequest request, HttpResponse response) {
        int status = response.statusCode();
        String requestId = response.requestId().orElse(null);
        if (response.isSuccessful()) {
            try {
                Protocol.verify(response.headers(), response.body(), verifier, clock, window);
            } catch (SignatureVerificationException e) {
                String context = " [" + request.method() + " " + request.uri().getRawPath() + " → HTTP " + status
                        + (requestId != null ? ", Request-ID " + requestId : "") + "]";
                throw new SignatureVerificationException(e.reason(), e.getMessage() + context, e);
            } catch (RuntimeException e) { // a custom Verifier that does not keep its contract
                throw new SignatureVerificationException(SignatureVerificationException.Reason.BAD_SIGNATURE,
                        "the verifier failed (" + e.getClass().getSimpleName() + ") on HTTP " + status, e);
            }
            return new ApiResponse(status, response.headers(), response.body(), codec);
        }
        throw serviceException(response, requestId);
    }

    private ServiceException serviceException(HttpResponse response, String requestId) {
        boolean signed = false;
        boolean signatureInvalid = false;
        if (Protocol.hasSignatureHeaders(response.headers())) {
            try {
                Protocol.verify(response.headers(), response.body(), verifier, clock, window);
                signed = true;
            } catch (RuntimeException e) {
                signatureInvalid = true; // headers present but not verifying: altered, not merely unsigned
            }
        }
        String code = null;
        String message = null;
        ServiceException.ErrorDetail detail = null;
        ServiceException.SignInformation signInformation = null;
        byte[] body = response.body();
        if (body.length > 0 && looksLikeJsonObject(body)) {
            try {
                Map<String, Object> map = codec.read(body, JsonTypes.MAP);
                code = text(map.get("code"));
                message = text(map.get("message"));
                if (map.get("detail") instanceof Map<?, ?> d) {
                    detail = new ServiceException.ErrorDetail(text(d.get("field")), text(d.get("value")),
                            text(d.get("issue")), text(d.get("location")));
                    if (d.get("sign_information") instanceof Map<?, ?> si) {
                        signInformation = new ServiceException.SignInformation(text(si.get("method")),
                                text(si.get("url")), si.get("sign_message_length") instanceof Number n
                                ? n.longValue() : null, text(si.get("truncated_sign_message")));
                    }
                }
            } catch (RuntimeException ignored) {
                // not a WeChat Pay error body: reported with the raw text below
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > 2048) {
            text = text.substring(0, 2048) + "…";
        }
        return new ServiceException(response.statusCode(), code, message, detail, requestId, signed, signatureInvalid,
                text, signInformation);
    }

    private static boolean isBase64Char(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=';
    }

    private static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static String readVersion() {
        try (InputStream in = WechatPay.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return "dev";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link WechatPay}. Required: merchant ID, merchant certificate serial number, the private key (or
     * a {@link Signer}), and at least one verification key (WeChat Pay public key and/or platform certificates, or a
     * {@link Verifier}). Everything else has a default. Not thread-safe; {@link #build()} checks everything and
     * throws {@link ConfigurationException} with what to fix.
     */
    public static final class Builder extends ClientSettings {
        private Builder() {
        }

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
                    throw new ConfigurationException("the merchant certificate serial " + client.merchantSerial + " is among the"
                            + " downloaded platform certificates: merchantSerialNumber must be the merchant API"
                            + " certificate's serial, not a platform certificate's");
                }
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "built " + client);
            return client;
        }
    }
}
