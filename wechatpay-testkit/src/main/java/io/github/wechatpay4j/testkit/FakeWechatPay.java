package io.github.wechatpay4j.testkit;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.MerchantKey;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A fake WeChat Pay APIv3 server on a free loopback port (its own small HTTP/1.1 server, which writes answer header
 * names exactly as WeChat Pay does). It is the real counterpart
 * of the client, implemented independently of the SDK's own signing code (plain JCA):
 * <ul>
 *   <li>it verifies every request's {@code Authorization} the way WeChat Pay does (scheme, merchant ID, merchant
 *       serial, 5-minute timestamp window, SHA256withRSA over {@code METHOD\nPATH?QUERY\nTS\nNONCE\nBODY\n}) and
 *       answers 401 {@code SIGN_ERROR} otherwise;
 *   <li>it signs every answer ({@code Wechatpay-Serial/-Signature/-Timestamp/-Nonce}) with the platform key, named
 *       by the public key ID ({@link Mode#PUBLIC_KEY}) or the certificate serial ({@link Mode#CERTIFICATE});
 *   <li>tests register answers per method and path with {@link #on}, read what arrived with {@link #requests()},
 *       and switch on {@link Fault}s.
 * </ul>
 * Thread-safe. Close it after use.
 */
public final class FakeWechatPay implements AutoCloseable {

    /** Which platform key names the responses' {@code Wechatpay-Serial}. */
    public enum Mode {
        /** WeChat Pay public key, {@code PUB_KEY_ID_…}. */
        PUBLIC_KEY,
        /** Platform certificate serial. */
        CERTIFICATE
    }

    /** Misbehaviour to inject into every answer while switched on. */
    public enum Fault {
        /** The body is changed by one byte after signing. */
        TAMPER_BODY,
        /** {@code Wechatpay-Timestamp} is 10 minutes old. */
        STALE_TIMESTAMP,
        /** {@code Wechatpay-Serial} names a key the client does not know. */
        UNKNOWN_SERIAL,
        /** {@code Wechatpay-Signature} is a {@code WECHATPAY/SIGNTEST/} probe. */
        PROBE_SIGNATURE,
        /** No {@code Wechatpay-*} headers at all. */
        MISSING_SIGNATURE_HEADERS,
        /** Every request gets an unsigned 502 HTML page, as from a gateway in between. */
        UNSIGNED_HTML_502,
        /** The answer is delayed by {@link #slowReply(Duration)} (default 3 s). */
        SLOW_REPLY,
        /** {@code GET /v3/certificates} lists each certificate under a {@code serial_no} that is not its own. */
        CERTIFICATES_WRONG_SERIAL_NO,
        /** {@code GET /v3/certificates} returns ciphertext whose AES-GCM tag does not match. */
        CERTIFICATES_BAD_TAG,
        /** Bill answers announce a {@code hash_value} that is not the bill's. */
        BILL_WRONG_HASH,
        /** Bill downloads end cleanly after half the bytes (half the gzip stream when gzipped). */
        BILL_TRUNCATED,
        /** Bill downloads end in 16 zero bytes instead of their last 16 (an encrypted bill's AES-GCM tag). */
        BILL_BAD_TAG,
        /** Bill downloads lack their last 8 bytes (half an encrypted bill's AES-GCM tag). */
        BILL_TAG_TRUNCATED,
        /** Bill downloads are followed by 1 MiB of random bytes (after the gzip data, after the AES-GCM tag). */
        BILL_TRAILING_BYTES,
        /** A signed 500 {@code SYSTEM_ERROR}; the request has no effect. */
        SYSTEM_ERROR,
        /** A signed 429 {@code FREQUENCY_LIMITED}; the request has no effect. */
        FREQUENCY_LIMITED,
        /** The connection is closed without an answer after the request was read; the request has no effect. */
        CONNECTION_RESET,
        /**
         * The request takes effect (an order is created, a refund accepted) but the connection is closed before the
         * answer: the client cannot know the outcome.
         */
        CONNECTION_RESET_AFTER_PROCESSING
    }

    private final TestKeys keys;
    /** RSA or ShangMi: how requests are verified, answers signed, resources encrypted. */
    private final FakeSuite suite;
    /** The WeChat Pay public key ({@link Mode#PUBLIC_KEY}; RSA only). */
    private final FakeSuite.FakePlatform publicKey;

    private final ShangMiKeys shangMi;
    private final LoopbackHttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, FakeResponse.Handler> routes = new ConcurrentHashMap<>();
    private volatile SpecDriven spec;
    private volatile SpecDrivenV2 specV2;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean recording = true;
    private volatile boolean reuseSignatures;
    /** The last signature made, reused within its second for the same status and body when enabled. */
    private volatile CachedSignature lastSignature;

    private record CachedSignature(
            int status,
            byte[] body,
            String timestamp,
            String nonce,
            String signature,
            FakeSuite.FakePlatform signer,
            Mode mode) {}

    private final Set<Fault> faults = Collections.synchronizedSet(EnumSet.noneOf(Fault.class));
    private volatile Mode mode;
    private volatile Duration slowReply = Duration.ofSeconds(3);
    private final List<FakeSuite.FakePlatform> certificates = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> lastDecrypted = Map.of();
    private volatile Upload lastUpload;
    private volatile BillSource bill;
    private volatile BillSource billGzipped;
    private volatile String billSha1;
    private final Map<String, BillToken> billTokens = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> counted = new ConcurrentHashMap<>();
    private volatile Chaos chaos;
    private final ScheduledExecutorService scheduler;
    private final Payments payments;
    private final FakeFiles files;
    private final FakeApiV2 apiV2;
    private FakeTls tls;
    private LoopbackHttpServer tlsServer;

    /** One download URL: the bill, whether it is served gzipped, and the AES key and nonce when encrypted. */
    private record BillToken(BillSource content, BillSource gzipped, boolean gzip, String key, String nonce) {}

    private FakeWechatPay(TestKeys keys, ShangMiKeys shangMi, Mode mode, Clock clock, int port) throws IOException {
        if (shangMi != null && mode == Mode.PUBLIC_KEY) {
            throw new IllegalArgumentException(
                    "a ShangMi merchant verifies with SM2 platform certificates:" + " WeChat Pay public keys are RSA");
        }
        this.keys = keys;
        this.shangMi = shangMi;
        this.mode = mode;
        this.clock = clock;
        RsaFakeSuite rsa = new RsaFakeSuite(keys);
        this.publicKey = rsa.publicKey();
        if (shangMi == null) {
            this.suite = rsa;
            this.certificates.add(rsa.initialPlatform());
        } else {
            this.suite = new ShangMiFakeSuite(shangMi);
            this.certificates.add(
                    suite.newPlatform(random, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(5 * 365)));
        }
        AtomicInteger n = new AtomicInteger();
        int[] boundPort = new int[1];
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "fake-wechatpay-" + boundPort[0] + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-wechatpay-" + boundPort[0] + "-notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = new LoopbackHttpServer(port, 128, executor, this::serve);
        boundPort[0] = server.getAddress().getPort();
        this.payments = new Payments(this, keys.mchid(), clock, random, scheduler, executor);
        this.files = new FakeFiles(random, this::signatureHeaders);
        this.apiV2 = new FakeApiV2(keys.mchid(), Crypto.alphanumeric(random, 32), clock, random, payments);
        server.start("fake-wechatpay-" + boundPort[0] + "-accept");
    }

    /** Starts a server in public-key mode with fresh keys. */
    public static FakeWechatPay start() {
        return start(TestKeys.generate(), Mode.PUBLIC_KEY);
    }

    /** Starts a server with the given keys and mode. */
    public static FakeWechatPay start(TestKeys keys, Mode mode) {
        return start(keys, mode, Clock.systemUTC());
    }

    /** Starts a server whose own clock (for request windows and response timestamps) is {@code clock}. */
    public static FakeWechatPay start(TestKeys keys, Mode mode, Clock clock) {
        return start(keys, mode, clock, 0);
    }

    /**
     * Starts a server on loopback port {@code port} ({@code 0}: a free one).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static FakeWechatPay start(TestKeys keys, Mode mode, Clock clock, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        try {
            return new FakeWechatPay(keys, null, mode, clock, port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start the fake WeChat Pay server on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Starts a server that speaks ShangMi for the merchant of {@code keys}: it checks {@code WECHATPAY2-SM2-WITH-SM3}
     * request signatures with the merchant's SM2 key, signs its answers and notifications with an SM2 platform
     * certificate ({@link Mode#CERTIFICATE}), lists its SM2 certificates at {@code GET /v3/certificates}, encrypts
     * resources with {@code AEAD_SM4_GCM} and decrypts SM2 sensitive fields, all with its own SM2/SM3/SM4 code.
     * Build its clients with {@link #clientBuilder(MerchantKey)}.
     */
    public static FakeWechatPay startShangMi(ShangMiKeys keys) {
        return startShangMi(keys, Clock.systemUTC());
    }

    /** {@link #startShangMi(ShangMiKeys)} with the server's own clock. */
    public static FakeWechatPay startShangMi(ShangMiKeys keys, Clock clock) {
        return startShangMi(keys, clock, 0);
    }

    /**
     * {@link #startShangMi(ShangMiKeys, Clock)} on loopback port {@code port} ({@code 0}: a free one).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static FakeWechatPay startShangMi(ShangMiKeys keys, Clock clock, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        try {
            return new FakeWechatPay(keys.rsa(), keys, Mode.CERTIFICATE, clock, port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start the fake WeChat Pay server on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
    }

    /** Whether this server speaks ShangMi ({@link #startShangMi}). */
    public boolean isShangMi() {
        return shangMi != null;
    }

    /**
     * Writes into {@code dir} the files a client of this server needs, one value per file:
     * {@code merchant_private_key.pem}, {@code merchant_serial.txt}, {@code mchid.txt}, {@code apiv3_key.txt},
     * {@code platform_public_key.pem}, {@code platform_public_key_id.txt}, {@code platform_certificate.pem} (every
     * certificate the server holds), {@code base_url.txt}, and all of them as {@code wechatpay.properties} (the
     * format of {@code wechatpay --config}). The secrets are written owner-readable only where the file system
     * supports it.
     */
    public void writeClientFiles(java.nio.file.Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "merchant_private_key.pem",
                shangMi == null ? keys.merchantPrivateKeyPem() : shangMi.merchantPrivateKeyPem());
        files.put("merchant_serial.txt", suite.merchantSerial());
        files.put("mchid.txt", keys.mchid());
        files.put("apiv3_key.txt", keys.apiV3Key());
        files.put("platform_public_key.pem", keys.platformPublicKeyPem());
        files.put("platform_public_key_id.txt", keys.publicKeyId());
        files.put("platform_certificate.pem", certificatesPem());
        files.put("base_url.txt", baseUrl());
        String properties = "# a client of the fake WeChat Pay server at " + baseUrl() + " (" + mode + " mode)\n"
                + "base-url=" + baseUrl() + "\n"
                + "mchid=" + keys.mchid() + "\n"
                + "serial=" + suite.merchantSerial() + "\n"
                + "private-key=merchant_private_key.pem\n"
                + (mode == Mode.PUBLIC_KEY
                        ? "public-key=platform_public_key.pem\npublic-key-id=" + keys.publicKeyId() + "\n"
                        : "platform-cert=platform_certificate.pem\n")
                + "apiv3-key-file=apiv3_key.txt\n";
        files.put("wechatpay.properties", properties);
        for (Map.Entry<String, String> f : files.entrySet()) {
            java.nio.file.Path file = dir.resolve(f.getKey());
            java.nio.file.Files.writeString(
                    file, f.getValue().endsWith("\n") ? f.getValue() : f.getValue() + "\n", StandardCharsets.UTF_8);
            if (f.getKey().equals("merchant_private_key.pem")
                    || f.getKey().equals("apiv3_key.txt")
                    || f.getKey().equals("wechatpay.properties")) {
                try {
                    java.nio.file.Files.setPosixFilePermissions(
                            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
        }
    }

    public TestKeys keys() {
        return keys;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ------------------------------------------------------------------ APIv2 and its TLS port

    /** The merchant's APIv2 key (32 characters), with which the server checks and signs APIv2 messages. */
    public String apiV2Key() {
        return apiV2.key();
    }

    /**
     * {@code https://localhost:PORT}: the same server over TLS, started on first use. The handshake asks for the
     * merchant's API certificate ({@link #merchantCertificatePkcs12()}); APIv2's secured operations
     * ({@code secapi/pay/refund}, {@code secapi/pay/reverse}) are refused without it. Clients trust the server with
     * {@link #tlsTrustStore()} or {@link #tlsTrustingContext()}.
     */
    public synchronized String tlsBaseUrl() {
        if (tlsServer == null) {
            try {
                tlsServer = new LoopbackHttpServer(tls().listen(), executor, this::serve);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the fake's TLS port: " + e.getMessage(), e);
            }
            tlsServer.start("fake-wechatpay-" + port() + "-tls-accept");
        }
        return "https://localhost:" + tlsServer.getAddress().getPort();
    }

    /** A trust store holding the certificate of the TLS port. */
    public KeyStore tlsTrustStore() {
        return tls().trustStore();
    }

    /** A client TLS context that trusts the TLS port and presents no certificate (the client's plain calls). */
    public SSLContext tlsTrustingContext() {
        return tls().trustingContext();
    }

    /** The merchant's API certificate (商户API证书): over the merchant's key, with the merchant's serial. */
    public X509Certificate merchantCertificate() {
        return tls().merchantCertificate();
    }

    /** {@code apiclient_cert.p12} as the merchant platform issues it: the password is the merchant ID. */
    public byte[] merchantCertificatePkcs12() {
        return tls().merchantPkcs12();
    }

    private synchronized FakeTls tls() {
        if (tls == null) {
            tls = new FakeTls(keys, random);
        }
        return tls;
    }

    /**
     * How many order queries a payment-code payer ({@code pay/micropay}, answered {@code USERPAYING}) takes to enter
     * the password: 1 by default (paid when first queried); {@link Integer#MAX_VALUE} never, so that the cashier
     * reverses the order.
     */
    public FakeWechatPay apiV2PasswordAfterQueries(int queries) {
        apiV2.passwordAfterQueries(queries);
        return this;
    }

    /** An APIv2 order the server holds. */
    public Optional<ApiV2Order> apiV2Order(String outTradeNo) {
        return apiV2.order(outTradeNo);
    }

    /**
     * Pays an order made with {@code pay/unifiedorder} and delivers its signed APIv2 payment notification to the
     * order's {@code notify_url} (event type {@code APIV2.TRANSACTION} in {@link #deliveries()}); a refund with a
     * {@code notify_url} is delivered as {@code APIV2.REFUND}, its {@code req_info} encrypted.
     */
    public ApiV2Order payApiV2(String outTradeNo) {
        return apiV2.pay(outTradeNo);
    }

    /**
     * Refunds {@code fee} of a paid APIv2 order as a refund made on the merchant platform would (no API call), and
     * delivers its refund notification, {@code req_info} encrypted, to {@code notifyUrl}.
     *
     * @return the refund ID
     */
    public String refundApiV2(String outTradeNo, String outRefundNo, long fee, String notifyUrl) {
        return apiV2.refundOutside(outTradeNo, outRefundNo, fee, notifyUrl);
    }

    public Mode mode() {
        return mode;
    }

    /** Switches which platform key signs from now on. */
    public void mode(Mode mode) {
        if (shangMi != null && mode == Mode.PUBLIC_KEY) {
            throw new IllegalArgumentException("a ShangMi server signs with SM2 platform certificates only");
        }
        this.mode = mode;
    }

    /**
     * A client builder for this server's merchant, pointed at this server, trusting the platform key of the
     * server's current mode (the public key, or every certificate the server holds), with the APIv3 key for
     * notifications. Add a transport/codec or let discovery find them.
     */
    public WechatPay.Builder clientBuilder() {
        requireRsa("clientBuilder(MerchantKey)");
        WechatPay.Builder b = merchantBuilder();
        if (mode == Mode.PUBLIC_KEY) {
            b.wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic());
        } else {
            certificates.forEach(p -> b.platformCertificate(p.certificate()));
        }
        return b;
    }

    /**
     * A client builder with the merchant's credentials and APIv3 key, pointed at this server for every host, and no
     * platform key: add {@code autoCertificates()}, a public key or certificates.
     */
    public WechatPay.Builder merchantBuilder() {
        requireRsa("merchantBuilder(MerchantKey)");
        return merchantBuilder(
                io.github.wechatpay4j.crypto.MerchantKey.rsa(keys.merchantKeys().getPrivate()));
    }

    /**
     * {@link #merchantBuilder()} with the merchant key the client holds: for a ShangMi server, the client's
     * {@code Sm2PrivateKey} read from {@link ShangMiKeys#merchantPrivateKeyPem()}.
     */
    public WechatPay.Builder merchantBuilder(MerchantKey merchantKey) {
        return WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(suite.merchantSerial())
                .merchantKey(merchantKey)
                .apiV3Key(keys.apiV3Key())
                .allHostsTo(baseUrl()); // operations pinned to other hosts (apihk, fraud…) come here too
    }

    /**
     * {@link #clientBuilder()} with the merchant key the client holds, trusting every certificate the server holds
     * (given as PEM, so that SM2 certificates are read by the client's suite).
     */
    public WechatPay.Builder clientBuilder(MerchantKey merchantKey) {
        WechatPay.Builder b = merchantBuilder(merchantKey);
        if (mode == Mode.PUBLIC_KEY) {
            return b.wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic());
        }
        return b.platformCertificates(certificatesPem());
    }

    private void requireRsa(String instead) {
        if (shangMi != null) {
            throw new IllegalStateException("this server speaks ShangMi: give the client's SM2 key to " + instead);
        }
    }

    /**
     * The platform certificates the server holds, oldest first; the last one signs in certificate mode. RSA only
     * (the JDK cannot hold an SM2 certificate): see {@link #certificatesPem()}.
     */
    public List<X509Certificate> certificates() {
        requireRsa("certificatesPem()");
        return certificates.stream().map(FakeSuite.FakePlatform::certificate).toList();
    }

    /** Every platform certificate the server holds, oldest first, in PEM (RSA or SM2). */
    public String certificatesPem() {
        StringBuilder pem = new StringBuilder();
        for (FakeSuite.FakePlatform p : certificates) {
            pem.append(p.certificatePem());
        }
        return pem.toString();
    }

    /** The serial of the certificate that signs in certificate mode. */
    public String currentCertificateSerial() {
        return certificates.get(certificates.size() - 1).serial();
    }

    /**
     * A new platform certificate (new key pair) appears and signs from now on in certificate mode; the old ones are
     * still listed by {@code GET /v3/certificates} until {@link #retireOldCertificates()}.
     *
     * @return the new certificate
     */
    public X509Certificate rotateCertificate() {
        return rotateCertificate(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(5 * 365));
    }

    /** {@link #rotateCertificate()} with a chosen validity (for expired or not-yet-valid certificates). */
    public X509Certificate rotateCertificate(Instant notBefore, Duration validity) {
        FakeSuite.FakePlatform platform = suite.newPlatform(random, notBefore, validity);
        certificates.add(platform);
        return platform.certificate();
    }

    /** The old certificates expire: only the newest is listed (and signs) from now on. */
    public void retireOldCertificates() {
        FakeSuite.FakePlatform newest = certificates.get(certificates.size() - 1);
        certificates.retainAll(List.of(newest));
    }

    /**
     * Decrypts a sensitive field (RSA-OAEP, or SM2 on a ShangMi server) with the private key of the platform key
     * named {@code wechatpaySerial}, as WeChat Pay does.
     *
     * @throws IllegalArgumentException when the serial names no key of this server or the ciphertext does not decrypt
     */
    public String decrypt(String wechatpaySerial, String ciphertext) {
        FakeSuite.FakePlatform key = platformFor(wechatpaySerial);
        if (key == null) {
            throw new IllegalArgumentException("Wechatpay-Serial " + wechatpaySerial + " names no platform key");
        }
        return key.decrypt(ciphertext);
    }

    // ------------------------------------------------------------------ business state

    /**
     * The payer pays order {@code outTradeNo}: it moves from {@code NOTPAY} to {@code SUCCESS} with a new
     * {@code transaction_id}, and a signed, encrypted {@code TRANSACTION.SUCCESS} notification is posted to its
     * {@code notify_url} in the background, retried on any non-2xx answer or failure by
     * {@link #notificationRetrySchedule(List) the retry schedule}. Paying a paid order changes nothing.
     *
     * @return the order as paid
     * @throws IllegalArgumentException when there is no such order
     * @throws IllegalStateException    when the order is closed
     */
    public Order pay(String outTradeNo) {
        return payments.pay(outTradeNo);
    }

    /** The order {@code outTradeNo} as it stands now. */
    public Optional<Order> order(String outTradeNo) {
        return payments.order(outTradeNo);
    }

    /** Every order, in the order they were placed. */
    public List<Order> orders() {
        return payments.orders();
    }

    /** The refund {@code outRefundNo} as it stands now. */
    public Optional<Refund> refund(String outRefundNo) {
        return payments.refund(outRefundNo);
    }

    /**
     * Whether an accepted refund completes by itself right after it was answered {@code PROCESSING} (the default),
     * or stays {@code PROCESSING} until {@link #completeRefund}.
     */
    public FakeWechatPay autoCompleteRefunds(boolean auto) {
        payments.autoCompleteRefunds(auto);
        return this;
    }

    /** Moves a refund to {@code SUCCESS} and posts {@code REFUND.SUCCESS} to its {@code notify_url}, if it has one. */
    public Refund completeRefund(String outRefundNo) {
        return payments.completeRefund(outRefundNo);
    }

    /**
     * The waits between notification attempts. The default is WeChat Pay's schedule (15 s, 15 s, 30 s, 3 min,
     * 10 min, 20 min, 30 min ×3, 60 min, 3 h ×3, 6 h ×2) compressed 1000 times, so 16 attempts span about 87 s.
     */
    public FakeWechatPay notificationRetrySchedule(List<Duration> waits) {
        payments.retrySchedule(waits);
        return this;
    }

    /** Every notification delivery started so far, with the status of each attempt. */
    public List<NotificationDelivery> deliveries() {
        return payments.deliveries();
    }

    /**
     * Waits until the latest {@code eventType} notification for {@code businessKey} ({@code out_trade_no} or
     * {@code out_refund_no}) was answered with 2xx or given up.
     *
     * @throws IllegalStateException when none was started, or it is still pending after {@code timeout}
     */
    public NotificationDelivery awaitDelivery(String eventType, String businessKey, Duration timeout) {
        return payments.awaitDelivery(eventType, businessKey, timeout);
    }

    /**
     * Forgets what tests did: faults, recorded requests, routes registered with {@link #on}, the offered bill,
     * orders, refunds and deliveries. Keys, mode and certificates stay.
     */
    public FakeWechatPay reset() {
        clearFaults();
        clearRequests();
        routes.clear();
        bill = null;
        billGzipped = null;
        billSha1 = null;
        payments.reset();
        apiV2.reset();
        files.receiptHashType("SHA256");
        return this;
    }

    /** Removes the routes registered with {@link #on}; the built-in answers apply again. */
    /**
     * Switches on the spec-driven mode: every operation of the project's compact spec ({@code operations.json} of
     * {@code wechatpay-api}) is answered, ahead of the built-in business routes (routes given to {@link #on} still
     * come first; {@code GET /v3/certificates} stays built in while the server is in {@link Mode#CERTIFICATE}). The request is checked against the spec: method and
     * path, {@code Wechatpay-Serial} and {@code Idempotency-Key} when required, query parameters (required, types,
     * enums, none unknown), and the JSON body (required fields, types, enums, RFC 3339 times, no field the spec does
     * not have, encrypted fields that decrypt with the platform key named in {@code Wechatpay-Serial}). A request
     * that breaks the spec gets {@code 400 PARAM_ERROR} listing every problem; one that keeps it gets the spec's
     * success status and a signed answer built from the response examples (sensitive fields encrypted to the
     * merchant key), which {@link #specAnswer} returns.
     *
     * @throws IOException when the file cannot be read
     */
    public FakeWechatPay specDriven(java.nio.file.Path operationsJson) throws IOException {
        String text = java.nio.file.Files.readString(operationsJson, StandardCharsets.UTF_8);
        spec = new SpecDriven(text, suite::encryptToMerchant);
        specV2 = new SpecDrivenV2(Json.parseObject(text));
        return this;
    }

    /** The JSON body the spec-driven mode last answered for {@code "METHOD /path/{template}"} (empty for none). */
    public Optional<String> specAnswer(String operation) {
        SpecDriven s = spec;
        SpecDrivenV2 v2 = specV2;
        if (v2 != null && operation.matches("[A-Z]+ /v2/.*")) {
            return Optional.ofNullable(v2.answer(operation));
        }
        return s == null ? Optional.empty() : Optional.ofNullable(s.answer(operation));
    }

    public FakeWechatPay clearRoutes() {
        routes.clear();
        return this;
    }

    /**
     * Unsigned control endpoints for use outside Java (the {@code wechatpay fake-server} command): {@code POST
     * /_fake/orders/{out_trade_no}/pay}, {@code POST /_fake/refunds/{out_refund_no}/complete}, {@code GET
     * /_fake/orders}, {@code GET /_fake/deliveries}, {@code POST /_fake/faults/{FAULT}} (switched on until cleared;
     * {@code ?requests=N} for the next N requests only) and {@code DELETE /_fake/faults}. They need no signature and
     * are not WeChat Pay endpoints.
     */
    static final String CONTROL = "/_fake/";
    /** The largest body a control endpoint reads; beyond it the answer is 413. */
    static final int MAX_CONTROL_BODY = 64 * 1024;
    /** The largest request body the fake reads (uploads are at most a few MiB); beyond it the answer is 413. */
    static final int MAX_REQUEST_BODY = 32 << 20;

    private FakeResponse control(String method, String rawPath, String rawQuery) {
        String[] s = rawPath.split("/", -1);
        try {
            if (method.equals("POST") && s.length == 4 && s[2].equals("faults")) {
                Fault fault = Fault.valueOf(Payments.decode(s[3]));
                if (rawQuery != null && rawQuery.startsWith("requests=")) {
                    fault(fault, Integer.parseInt(rawQuery.substring("requests=".length())));
                } else {
                    fault(fault);
                }
                return FakeResponse.noContent();
            }
            if (method.equals("DELETE") && rawPath.equals("/_fake/faults")) {
                clearFaults();
                return FakeResponse.noContent();
            }
            if (method.equals("POST") && s.length == 5 && s[2].equals("orders") && s[4].equals("pay")) {
                return FakeResponse.ok(orderJson(pay(Payments.decode(s[3]))));
            }
            if (method.equals("POST") && s.length == 5 && s[2].equals("refunds") && s[4].equals("complete")) {
                Refund r = completeRefund(Payments.decode(s[3]));
                return FakeResponse.ok(Json.write(Map.of("out_refund_no", r.outRefundNo(), "status", r.status())));
            }
            if (method.equals("GET") && rawPath.equals("/_fake/orders")) {
                return FakeResponse.ok("["
                        + String.join(
                                ",",
                                orders().stream().map(FakeWechatPay::orderJson).toList()) + "]");
            }
            if (method.equals("GET") && rawPath.equals("/_fake/deliveries")) {
                List<Object> list = new java.util.ArrayList<>();
                for (NotificationDelivery d : deliveries()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", d.id());
                    m.put("event_type", d.eventType());
                    m.put("business_key", d.businessKey());
                    m.put("url", d.url().toString());
                    m.put(
                            "attempts",
                            d.attempts().stream()
                                    .map(i -> (Object) Long.valueOf(i))
                                    .toList());
                    m.put("state", d.state().name());
                    list.add(m);
                }
                return FakeResponse.ok(Json.write(list));
            }
        } catch (NumberFormatException e) {
            return FakeResponse.error(400, "PARAM_ERROR", "requests must be a whole number");
        } catch (IllegalArgumentException e) {
            return FakeResponse.error(404, "RESOURCE_NOT_EXISTS", e.getMessage());
        } catch (IllegalStateException e) {
            return FakeResponse.error(409, "INVALID_REQUEST", e.getMessage());
        }
        return FakeResponse.error(404, "NOT_FOUND", "no control endpoint " + method + " " + rawPath);
    }

    private static String orderJson(Order o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out_trade_no", o.outTradeNo());
        m.put("trade_type", o.tradeType());
        m.put("trade_state", o.state());
        m.put("total", o.total());
        m.put("transaction_id", o.transactionId());
        m.put("refunded", o.refunded());
        return Json.write(m);
    }

    private void sendUnsigned(FakeExchange exchange, FakeResponse response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(response.body());
            }
        }
    }

    /** The sensitive fields the built-in {@code POST /v3/payroll-card/tokens} decrypted last, by field name. */
    public Map<String, String> lastDecrypted() {
        return lastDecrypted;
    }

    /**
     * A notification of {@code eventType} whose resource is {@code resourceJson}, encrypted with the APIv3 key and
     * signed with the platform key of the current mode, stamped with the server's clock. Change it with its
     * {@code with…} methods, then read its body and headers or {@link FakeNotification#postTo} a URL.
     */
    public FakeNotification notification(String eventType, String resourceJson) {
        FakeSuite.FakePlatform signer = mode == Mode.PUBLIC_KEY ? publicKey : certificates.get(certificates.size() - 1);
        return new FakeNotification(
                keys.apiV3Key(), suite, signer, signer.serial(), clock.instant(), eventType, resourceJson);
    }

    private FakeSuite.FakePlatform platformFor(String serial) {
        if (serial == null) {
            return null;
        }
        if (shangMi == null && serial.equalsIgnoreCase(keys.publicKeyId())) {
            return publicKey;
        }
        return certificates.stream()
                .filter(p -> p.serial().equalsIgnoreCase(serial))
                .findFirst()
                .orElse(null);
    }

    /** Answers {@code method path} (the raw path, without query) with {@code handler}. */
    public FakeWechatPay on(String method, String path, FakeResponse.Handler handler) {
        routes.put(method.toUpperCase(Locale.ROOT) + " " + path, handler);
        return this;
    }

    /** Answers {@code method path} with a fixed response. */
    public FakeWechatPay on(String method, String path, FakeResponse response) {
        return on(method, path, request -> response);
    }

    public FakeWechatPay fault(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** Switches {@code fault} on for the next {@code requests} requests only (each request uses up one). */
    public FakeWechatPay fault(Fault fault, int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1");
        }
        counted.computeIfAbsent(fault, f -> new AtomicInteger()).addAndGet(requests);
        return this;
    }

    /** Switches every fault off, including those set for a number of requests, and random faults. */
    public FakeWechatPay clearFaults() {
        faults.clear();
        counted.clear();
        chaos = null;
        return this;
    }

    /**
     * Random faults: each arriving request gets, with {@code probability}, one of {@code choices} (picked uniformly),
     * drawn from a {@link java.util.Random} seeded with {@code seed}, so that a run can be repeated. The draws are
     * made in arrival order. {@link #clearFaults()} switches it off.
     */
    public FakeWechatPay randomFaults(long seed, double probability, Fault... choices) {
        if (!(probability >= 0 && probability <= 1) || choices.length == 0) {
            throw new IllegalArgumentException("probability must be in [0, 1] and at least one fault given");
        }
        chaos = new Chaos(new java.util.Random(seed), probability, List.of(choices));
        return this;
    }

    private record Chaos(java.util.Random random, double probability, List<Fault> choices) {
        Optional<Fault> draw() {
            synchronized (random) {
                return random.nextDouble() < probability
                        ? Optional.of(choices.get(random.nextInt(choices.size())))
                        : Optional.empty();
            }
        }
    }

    /** The faults switched on until cleared (a copy). */
    Set<Fault> faults() {
        Set<Fault> copy = EnumSet.noneOf(Fault.class);
        synchronized (faults) {
            copy.addAll(faults);
        }
        return copy;
    }

    /** The faults that apply to the request arriving now; uses up one of each counted fault. */
    private Set<Fault> arrivingFaults() {
        Set<Fault> active = EnumSet.noneOf(Fault.class);
        synchronized (faults) {
            active.addAll(faults);
        }
        counted.forEach((fault, left) -> {
            if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                active.add(fault);
            }
        });
        Chaos random = chaos;
        if (random != null) {
            random.draw().ifPresent(active::add);
        }
        return active;
    }

    /** How long {@link Fault#SLOW_REPLY} holds each answer back. */
    public FakeWechatPay slowReply(Duration delay) {
        this.slowReply = delay;
        return this;
    }

    /**
     * Whether requests are kept for {@link #requests()} (the default). Switch it off for long load runs, where
     * keeping every request would grow without bound.
     */
    public FakeWechatPay recordRequests(boolean record) {
        this.recording = record;
        return this;
    }

    /**
     * For benchmarks: an answer identical to the previous one (same status and body) within the same second reuses
     * its signature, timestamp and nonce instead of signing again, so that the server's RSA cost does not limit the
     * client being measured. Answers stay valid: WeChat Pay itself may send the same signed bytes twice.
     */
    public FakeWechatPay reuseSignatures(boolean reuse) {
        this.reuseSignatures = reuse;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The most recent request; fails when none arrived. */
    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the fake WeChat Pay server has received no request");
        }
        return requests.get(requests.size() - 1);
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.close();
        synchronized (this) {
            if (tlsServer != null) {
                tlsServer.close();
            }
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FakeWechatPay[" + baseUrl() + ", " + mode + ", faults=" + faults + "]";
    }

    // ------------------------------------------------------------------ serving

    private void serve(FakeExchange exchange) throws IOException {
        try (exchange) {
            boolean controlRequest = exchange.getRequestURI().getRawPath().startsWith(CONTROL);
            int limit = controlRequest ? MAX_CONTROL_BODY : MAX_REQUEST_BODY;
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(limit + 1);
            }
            if (body.length > limit) { // refused unread beyond the limit, as WeChat Pay's gateway does
                exchange.getResponseHeaders().set("Connection", "close");
                sendUnsigned(exchange, FakeResponse.error(413, "PARAM_ERROR", "请求体过大 (more than " + limit + " bytes)"));
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            Map<String, String> auth = new LinkedHashMap<>();
            // an upload is signed over its meta part, exactly as sent
            byte[] signed = body;
            String multipartError = null;
            List<String> contentType = headers.getOrDefault("content-type", List.of());
            String boundary = contentType.isEmpty() ? null : Multipart.boundary(contentType.get(0));
            if (boundary != null) {
                try {
                    Multipart.Part meta = Multipart.parse(boundary, body).get("meta");
                    if (meta == null) {
                        multipartError = "缺少meta";
                    } else {
                        signed = meta.content();
                    }
                } catch (IllegalArgumentException e) {
                    multipartError = "multipart格式错误: " + e.getMessage();
                }
            }
            SpecDrivenV2 v2Spec = specV2;
            boolean bySpec = v2Spec != null && v2Spec.serves(method, rawPath);
            if (bySpec || method.equals("POST") && FakeApiV2.serves(rawPath)) {
                serveApiV2(
                        exchange,
                        new RecordedRequest(
                                method, rawPath, rawQuery, Collections.unmodifiableMap(headers), body, Map.of(), null),
                        bySpec ? v2Spec : null);
                return;
            }
            String error = checkAuthorization(method, target, headers, signed, auth);
            RecordedRequest request = new RecordedRequest(
                    method,
                    rawPath,
                    rawQuery,
                    Collections.unmodifiableMap(headers),
                    body,
                    Collections.unmodifiableMap(auth),
                    error);
            if (rawPath.startsWith(CONTROL)) {
                sendUnsigned(exchange, control(method, rawPath, rawQuery));
                return;
            }
            if (recording) {
                requests.add(request);
            }
            Set<Fault> active = arrivingFaults();

            if (active.contains(Fault.CONNECTION_RESET)) {
                return; // closing an exchange before its headers were sent closes the connection
            }
            if (active.contains(Fault.SLOW_REPLY)) {
                try {
                    Thread.sleep(slowReply.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (error == null
                    && method.equals("GET")
                    && rawPath.equals("/v3/billdownload/file")
                    && !routes.containsKey("GET /v3/billdownload/file")) {
                streamBill(exchange, rawQuery, active);
                return;
            }
            if (error == null
                    && FakeFiles.servesRaw(method, rawPath)
                    && !routes.containsKey(method + " " + rawPath)
                    && !active.contains(Fault.SYSTEM_ERROR)
                    && !active.contains(Fault.UNSIGNED_HTML_502)) {
                files.answer(exchange, request, active, r -> send(exchange, r, active));
                return;
            }
            if (active.contains(Fault.UNSIGNED_HTML_502)) {
                byte[] html =
                        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(502, html.length);
                exchange.getResponseBody().write(html);
                return;
            }
            FakeResponse response;
            if (active.contains(Fault.SYSTEM_ERROR)) {
                response = FakeResponse.error(500, "SYSTEM_ERROR", "系统错误");
            } else if (active.contains(Fault.FREQUENCY_LIMITED)) {
                response = FakeResponse.error(429, "FREQUENCY_LIMITED", "请求频率超过上限，请降低频率");
            } else if (multipartError != null) {
                response = FakeResponse.error(400, "PARAM_ERROR", multipartError);
            } else if (error != null) {
                response = signError(method, target, auth, signed, error);
            } else {
                FakeResponse.Handler handler = routes.get(method + " " + rawPath);
                SpecDriven specMode = spec;
                if (handler == null
                        && specMode != null
                        && (mode == Mode.PUBLIC_KEY || !rawPath.equals("/v3/certificates"))) {
                    FakeResponse answer = specMode.handle(request, this::decrypt);
                    if (answer != null) {
                        handler = r -> answer;
                    }
                }
                if (handler == null) {
                    handler = builtIn(method, rawPath, active);
                }
                if (handler == null) {
                    response = FakeResponse.error(
                            404,
                            "NOT_FOUND",
                            "no handler for " + method + " " + rawPath + " on the fake WeChat Pay server");
                } else {
                    try {
                        response = handler.handle(request);
                    } catch (Exception e) {
                        response = FakeResponse.error(500, "SYSTEM_ERROR", "handler failed: " + e);
                    }
                }
            }
            if (active.contains(Fault.CONNECTION_RESET_AFTER_PROCESSING)) {
                return; // the handler ran; the answer is lost
            }
            send(exchange, response, active);
        }
    }

    /**
     * An APIv2 request: recorded, faults applied as on APIv3, answered with XML by the business model or, in the
     * spec-driven mode, by {@code bySpec}.
     */
    private void serveApiV2(FakeExchange exchange, RecordedRequest request, SpecDrivenV2 bySpec) throws IOException {
        if (recording) {
            requests.add(request);
        }
        Set<Fault> active = arrivingFaults();
        if (active.contains(Fault.CONNECTION_RESET)) {
            return;
        }
        X509Certificate trusted = exchange.clientCertificate() == null ? null : merchantCertificate();
        if (bySpec != null) {
            SpecDrivenV2.Answer answer = bySpec.handle(
                    request.method(),
                    request.rawPath(),
                    request.rawQuery(),
                    request.header("Content-Type").orElse(null),
                    request.body(),
                    trusted != null && exchange.clientCertificate().equals(trusted),
                    keys.mchid(),
                    apiV2.key());
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
            return;
        }
        byte[] answer = apiV2.answer(request.rawPath(), request.body(), exchange.clientCertificate(), trusted);
        if (active.contains(Fault.CONNECTION_RESET_AFTER_PROCESSING)) {
            return;
        }
        boolean gzip = answer.length > 2 && answer[0] == (byte) 0x1f && answer[1] == (byte) 0x8b;
        exchange.getResponseHeaders().set("Content-Type", gzip ? "application/x-gzip" : "text/plain");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    /**
     * Answers WeChat Pay gives by itself unless a test registered its own with {@link #on}: certificates, orders
     * (JSAPI/Native/App/H5 prepay, query, close), refunds, bills, media uploads, payroll card tokens.
     */
    private FakeResponse.Handler builtIn(String method, String rawPath, Set<Fault> active) {
        FakeResponse.Handler business = payments.route(method, rawPath);
        if (business != null) {
            return business;
        }
        FakeResponse.Handler file = files.route(method, rawPath, baseUrl(), active);
        if (file != null) {
            return file;
        }
        return switch (method + " " + rawPath) {
            case "GET /v3/certificates" -> request -> certificatesAnswer(request, active);
            case "POST /v3/payroll-card/tokens" -> this::payrollCardTokens;
            case "GET /v3/bill/tradebill", "GET /v3/bill/fundflowbill", "GET /v3/bill/sub-merchant-fundflowbill" ->
                request -> billAnswer(request, active);
            case "POST /v3/merchant/media/upload",
                    "POST /v3/merchant/media/video_upload",
                    "POST /v3/marketing/favor/media/image-upload",
                    "POST /v3/merchant-service/images/upload",
                    "POST /v3/global/merchant-service/images/upload" -> this::upload;
            default -> null;
        };
    }

    private FakeResponse certificatesAnswer(RecordedRequest request, Set<Fault> active) {
        if (mode == Mode.PUBLIC_KEY) {
            return FakeResponse.error(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥");
        }
        String query = request.rawQuery() == null ? "" : "&" + request.rawQuery() + "&";
        if (query.contains("&algorithm_type=") && !query.contains("&algorithm_type=" + suite.algorithmType() + "&")) {
            return FakeResponse.json(200, "{\"data\":[]}"); // this merchant has no certificates of that type
        }
        DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        ZoneOffset beijing = ZoneOffset.ofHours(8);
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (FakeSuite.FakePlatform p : certificates) {
            if (json.charAt(json.length() - 1) == '}') {
                json.append(',');
            }
            String nonce = Crypto.alphanumeric(random, 12);
            String ciphertext = suite.encryptResource(
                    keys.apiV3Key(), "certificate", nonce, p.certificatePem().getBytes(StandardCharsets.UTF_8));
            if (active.contains(Fault.CERTIFICATES_BAD_TAG)) {
                ciphertext = Crypto.breakTag(ciphertext);
            }
            String serial = active.contains(Fault.CERTIFICATES_WRONG_SERIAL_NO)
                    ? "7" + p.serial().substring(1)
                    : p.serial();
            json.append("{\"serial_no\":\"")
                    .append(serial)
                    .append("\",\"effective_time\":\"")
                    .append(format.format(p.notBefore().atOffset(beijing)))
                    .append("\",\"expire_time\":\"")
                    .append(format.format(p.notAfter().atOffset(beijing)))
                    .append("\",\"encrypt_certificate\":{\"algorithm\":\"")
                    .append(suite.resourceAlgorithm())
                    .append("\",\"nonce\":\"")
                    .append(nonce)
                    .append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
                    .append(ciphertext)
                    .append("\"}}");
        }
        return FakeResponse.json(200, json.append("]}").toString());
    }

    /**
     * {@code POST /v3/payroll-card/tokens}: {@code user_name} and {@code id_card_number} must decrypt with the
     * private key of the platform key that {@code Wechatpay-Serial} names.
     */
    private FakeResponse payrollCardTokens(RecordedRequest request) {
        String serial = request.header("Wechatpay-Serial").orElse(null);
        if (serial == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少Wechatpay-Serial: 请求包含敏感信息时必须指定加密所用的平台证书序列号或公钥ID");
        }
        if (platformFor(serial) == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "Wechatpay-Serial " + serial + " 无效");
        }
        String body = new String(request.body(), StandardCharsets.UTF_8);
        Map<String, String> decrypted = new LinkedHashMap<>();
        for (String field : List.of("user_name", "id_card_number")) {
            String ciphertext = Json.stringField(body, field);
            if (ciphertext == null) {
                return FakeResponse.error(400, "PARAM_ERROR", "缺少参数 " + field);
            }
            try {
                decrypted.put(field, decrypt(serial, ciphertext));
            } catch (IllegalArgumentException e) {
                return FakeResponse.error(400, "PARAM_ERROR", field + " 解密失败");
            }
        }
        lastDecrypted = Collections.unmodifiableMap(decrypted);
        String openid = Json.stringField(body, "openid");
        String subMchid = Json.stringField(body, "sub_mchid");
        return FakeResponse.json(
                200,
                "{\"openid\":\"" + Json.escape(String.valueOf(openid)) + "\",\"mchid\":\""
                        + keys.mchid() + "\",\"sub_mchid\":\"" + Json.escape(String.valueOf(subMchid))
                        + "\",\"token\":\""
                        + "TOKEN" + Crypto.alphanumeric(random, 24) + "\",\"expires_in\":1800}");
    }

    /**
     * The media upload endpoints: a {@code meta} part whose {@code sha256} matches the {@code file} part, within the
     * endpoint's size limit; answers a {@code media_id} (a {@code media_url} for marketing images).
     */
    private FakeResponse upload(RecordedRequest request) {
        String boundary = Multipart.boundary(request.header("Content-Type").orElse(null));
        if (boundary == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "Content-Type须为multipart/form-data");
        }
        Map<String, Multipart.Part> parts = Multipart.parse(boundary, request.body());
        Multipart.Part meta = parts.get("meta");
        Multipart.Part file = parts.get("file");
        if (file == null) {
            return FakeResponse.error(
                    400, "PARAM_ERROR", "缺少file", "file", "", "the multipart body has no part" + " named file", "body");
        }
        if (file.filename() == null || file.filename().isBlank()) {
            return FakeResponse.error(
                    400,
                    "PARAM_ERROR",
                    "file缺少filename",
                    "file",
                    "",
                    "the file part's" + " Content-Disposition has no filename",
                    "body");
        }
        String metaJson = new String(meta.content(), StandardCharsets.UTF_8);
        String sha256 = Json.stringField(metaJson, "sha256");
        String filename = Json.stringField(metaJson, "filename");
        if (sha256 == null || filename == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "meta须包含filename和sha256");
        }
        String actual;
        try {
            actual = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(file.content()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equalsIgnoreCase(sha256)) {
            return FakeResponse.error(400, "PARAM_ERROR", "文件摘要sha256与文件内容不一致");
        }
        boolean marketing = request.rawPath().startsWith("/v3/marketing/");
        long limit = marketing ? 2L << 20 : filename.toLowerCase(Locale.ROOT).endsWith(".pdf") ? 15L << 19 : 5L << 20;
        if (file.content().length > limit) {
            return FakeResponse.error(400, "PARAM_ERROR", "文件大小超过限制");
        }
        String id = Crypto.alphanumeric(random, 64);
        if (request.rawPath().endsWith("/merchant-service/images/upload")) {
            files.putImage(id, file.content(), file.filename());
        }
        lastUpload = new Upload(
                request.rawPath(),
                metaJson,
                file.filename(),
                file.contentType(),
                file.content(),
                marketing ? "https://wxpaylogo.qpic.cn/wxpaylogo/" + id + "/0" : id);
        return FakeResponse.json(
                200, marketing ? "{\"media_url\":\"" + lastUpload.mediaId() + "\"}" : "{\"media_id\":\"" + id + "\"}");
    }

    /**
     * Offers {@code content} as the bill of {@code GET /v3/bill/tradebill} and {@code GET /v3/bill/fundflowbill}
     * (any date): they answer its SHA-1 and a {@code download_url} on this server, whose signed GET streams it,
     * gzipped when the bill was asked for with {@code tar_type=GZIP}, unsigned as WeChat Pay sends it.
     */
    public FakeWechatPay bill(BillSource content) {
        return bill(content, null);
    }

    /**
     * {@link #bill(BillSource)} with the gzip form of {@code content} ready-made: {@code tar_type=GZIP} downloads
     * stream {@code gzipped} as it is instead of compressing on the fly (for benchmarks, where the server's
     * compression would be the bottleneck). {@code gzipped} must decompress to {@code content}; nothing checks it.
     */
    public FakeWechatPay bill(BillSource content, BillSource gzipped) {
        this.billGzipped = gzipped;
        try (InputStream in = content.open()) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha1.update(buffer, 0, n);
            }
            this.billSha1 = HexFormat.of().formatHex(sha1.digest());
            this.bill = content;
            return this;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the bill", e);
        }
    }

    private FakeResponse billAnswer(RecordedRequest request, Set<Fault> active) {
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        pair.substring(0, eq),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String billDate = params.get("bill_date");
        if (billDate == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "参数错误", "bill_date", null, "required", "query");
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(billDate);
        } catch (java.time.format.DateTimeParseException e) {
            return FakeResponse.error(
                    400, "PARAM_ERROR", "参数错误", "bill_date", billDate, "must be a date yyyy-MM-dd", "query");
        }
        BillSource content = bill;
        BillSource gzipped = billGzipped;
        String sha1 = billSha1;
        if (content == null && request.rawPath().equals("/v3/bill/tradebill")) {
            String billType = params.getOrDefault("bill_type", "ALL");
            if (!List.of("ALL", "SUCCESS", "REFUND").contains(billType)) {
                return FakeResponse.error(
                        400, "PARAM_ERROR", "参数错误", "bill_type", billType, "must be ALL, SUCCESS or REFUND", "query");
            }
            byte[] csv = payments.tradeBill(date, billType);
            if (csv != null) {
                content = BillSource.of(csv);
                gzipped = null;
                sha1 = sha1Hex(csv);
            }
        }
        if (content == null) {
            return FakeResponse.error(400, "NO_STATEMENT_EXIST", "账单文件不存在");
        }
        String token = Crypto.alphanumeric(random, 40);
        String hash = active.contains(Fault.BILL_WRONG_HASH) ? "0000000000" + sha1.substring(10) : sha1;
        String url = baseUrl() + "/v3/billdownload/file?token=" + token;
        boolean gzip = "GZIP".equals(params.get("tar_type"));
        if (!request.rawPath().equals("/v3/bill/sub-merchant-fundflowbill")) {
            billTokens.put(token, new BillToken(content, gzipped, gzip, null, null));
            return FakeResponse.json(
                    200, "{\"hash_type\":\"SHA1\",\"hash_value\":\"" + hash + "\",\"download_url\":\"" + url + "\"}");
        }
        if (!query.contains("sub_mchid=") || !query.contains("algorithm=AEAD_AES_256_GCM")) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少sub_mchid或algorithm");
        }
        BillToken encrypted =
                new BillToken(content, gzipped, gzip, Crypto.alphanumeric(random, 32), Crypto.alphanumeric(random, 12));
        billTokens.put(token, encrypted);
        String encryptKey = suite.encryptToMerchant(encrypted.key().getBytes(StandardCharsets.UTF_8));
        return FakeResponse.json(
                200,
                "{\"download_bill_count\":1,\"download_bill_list\":[{\"bill_sequence\":1,"
                        + "\"download_url\":\"" + url + "\",\"encrypt_key\":\"" + encryptKey
                        + "\",\"hash_type\":\"SHA1\","
                        + "\"hash_value\":\"" + hash + "\",\"nonce\":\"" + encrypted.nonce() + "\"}]}");
    }

    /** The unsigned, streamed bill file; only after the request signature verified. */
    private void streamBill(FakeExchange exchange, String query, Set<Fault> active) throws IOException {
        String token = query != null && query.startsWith("token=") ? query.substring("token=".length()) : "";
        BillToken how = billTokens.get(token);
        if (how == null) {
            send(exchange, FakeResponse.error(400, "INVALID_REQUEST", "下载链接无效或已过期"), active);
            return;
        }
        BillSource content = how.content();
        exchange.getResponseHeaders()
                .set(
                        "Content-Type",
                        how.gzip() || how.key() != null ? "application/octet-stream" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0); // chunked: the length is not known up front
        boolean truncate = active.contains(Fault.BILL_TRUNCATED);
        boolean ready = how.gzip() && how.gzipped() != null && how.key() == null;
        try (OutputStream body = exchange.getResponseBody();
                InputStream in = ready ? how.gzipped().open() : content.open()) {
            // plaintext → gzip → AES-GCM → the wire (or a buffer of which half is sent, for the truncation fault)
            ByteArrayOutputStream buffer = truncate ? new ByteArrayOutputStream() : null;
            OutputStream sink = new java.io.FilterOutputStream(truncate ? buffer : body) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the exchange's own stream is closed by the outer try
                }
            };
            if (active.contains(Fault.BILL_BAD_TAG)
                    || active.contains(Fault.BILL_TAG_TRUNCATED)
                    || active.contains(Fault.BILL_TRAILING_BYTES)) {
                sink = new BillTail(
                        sink,
                        active.contains(Fault.BILL_BAD_TAG),
                        active.contains(Fault.BILL_TAG_TRUNCATED),
                        active.contains(Fault.BILL_TRAILING_BYTES));
            }
            if (how.key() != null) {
                try {
                    javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(
                            javax.crypto.Cipher.ENCRYPT_MODE,
                            new javax.crypto.spec.SecretKeySpec(how.key().getBytes(StandardCharsets.UTF_8), "AES"),
                            new javax.crypto.spec.GCMParameterSpec(
                                    128, how.nonce().getBytes(StandardCharsets.UTF_8)));
                    sink = new javax.crypto.CipherOutputStream(sink, gcm);
                } catch (GeneralSecurityException e) {
                    throw new IOException(e);
                }
            }
            if (how.gzip() && !ready) {
                sink = new GZIPOutputStream(sink, 64 * 1024);
            }
            try (OutputStream chain = sink) {
                in.transferTo(chain);
            }
            if (truncate) {
                body.write(buffer.toByteArray(), 0, buffer.size() / 2);
            }
        }
    }

    /** The last file an upload endpoint accepted, or {@code null}. */
    /**
     * A complaint image a consumer attached, served unsigned at {@code GET /v3/merchant-service/images/{mediaId}}
     * (and under {@code /v3/global}) with {@code contentType}, as WeChat Pay serves the {@code media_url}s of a
     * complaint. {@code mediaId} is the decoded value; the path may carry it percent-encoded. Returns this server.
     */
    public FakeWechatPay complaintImage(String mediaId, byte[] content, String contentType) {
        files.putImageOfType(mediaId, content, contentType);
        return this;
    }

    /**
     * The {@code hash_type} transfer receipts are announced with: {@code SHA256} (default) or {@code SM3}, as WeChat
     * Pay announces either. Returns this server.
     */
    public FakeWechatPay receiptHashType(String hashType) {
        if (!Set.of("SHA256", "SM3").contains(hashType)) {
            throw new IllegalArgumentException("WeChat Pay announces receipts with SHA256 or SM3, not " + hashType);
        }
        files.receiptHashType(hashType);
        return this;
    }

    public Upload lastUpload() {
        return lastUpload;
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(FakeExchange exchange, FakeResponse response, Set<Fault> active) throws IOException {
        byte[] body = response.body();
        String timestamp =
                Long.toString(clock.instant().getEpochSecond() - (active.contains(Fault.STALE_TIMESTAMP) ? 600 : 0));
        Mode signingMode = mode;
        FakeSuite.FakePlatform signer =
                signingMode == Mode.PUBLIC_KEY ? publicKey : certificates.get(certificates.size() - 1);
        CachedSignature cached = reuseSignatures ? lastSignature : null;
        String nonce;
        String signature;
        if (cached != null
                && cached.status() == response.status()
                && cached.timestamp().equals(timestamp)
                && cached.signer().equals(signer)
                && cached.mode() == signingMode
                && java.util.Arrays.equals(cached.body(), body)) {
            nonce = cached.nonce();
            signature = cached.signature();
        } else {
            nonce = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            signature = signer.sign(Crypto.message(timestamp, nonce, body));
            if (reuseSignatures) {
                lastSignature =
                        new CachedSignature(response.status(), body, timestamp, nonce, signature, signer, signingMode);
            }
        }
        String serial = signer.serial();
        if (active.contains(Fault.UNKNOWN_SERIAL)) {
            serial = mode == Mode.PUBLIC_KEY ? "PUB_KEY_ID_0000000000000000000000000000" : "0123456789ABCDEF";
        }
        if (active.contains(Fault.PROBE_SIGNATURE)) {
            signature = "WECHATPAY/SIGNTEST/" + signature;
        }
        if (active.contains(Fault.TAMPER_BODY) && body.length > 0) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        var out = exchange.getResponseHeaders();
        response.headers().forEach(out::set);
        out.set("Request-ID", "08" + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT));
        if (!active.contains(Fault.MISSING_SIGNATURE_HEADERS)) {
            out.set("Wechatpay-Serial", serial);
            out.set("Wechatpay-Signature", signature);
            out.set("Wechatpay-Timestamp", timestamp);
            out.set("Wechatpay-Nonce", nonce);
            out.set("Wechatpay-Signature-Type", suite.signatureType());
        }
        if (response.status() == 204 || body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** The four {@code Wechatpay-*} headers over {@code signed}, with the current key (faults applied). */
    private Map<String, String> signatureHeaders(byte[] signed, Set<Fault> active) {
        if (active.contains(Fault.MISSING_SIGNATURE_HEADERS)) {
            return Map.of();
        }
        FakeSuite.FakePlatform platform =
                mode == Mode.PUBLIC_KEY ? publicKey : certificates.get(certificates.size() - 1);
        String timestamp =
                Long.toString(clock.instant().getEpochSecond() - (active.contains(Fault.STALE_TIMESTAMP) ? 600 : 0));
        String nonce = Crypto.alphanumeric(random, 32);
        String signature = platform.sign(Crypto.message(timestamp, nonce, signed));
        String serial = active.contains(Fault.UNKNOWN_SERIAL) ? "0123456789ABCDEF" : platform.serial();
        return Map.of(
                "Wechatpay-Serial",
                serial,
                "Wechatpay-Signature",
                signature,
                "Wechatpay-Timestamp",
                timestamp,
                "Wechatpay-Nonce",
                nonce,
                "Wechatpay-Signature-Type",
                suite.signatureType());
    }

    /**
     * 401 {@code SIGN_ERROR} as WeChat Pay answers it: when the signature itself does not verify, {@code detail}
     * carries {@code sign_information}, the method, URL, length and beginning of the message it verified, so that
     * a client can compare it with what it signed.
     */
    private static FakeResponse signError(
            String method, String target, Map<String, String> auth, byte[] signed, String error) {
        if (!error.equals("signature does not verify")) {
            return FakeResponse.error(401, "SIGN_ERROR", "签名错误: " + error);
        }
        byte[] message = (method + "\n" + target + "\n" + auth.get("timestamp") + "\n" + auth.get("nonce_str") + "\n"
                        + new String(signed, StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String text = new String(message, StandardCharsets.UTF_8);
        Map<String, Object> information = new LinkedHashMap<>();
        information.put("method", method);
        information.put("sign_message_length", message.length);
        information.put("truncated_sign_message", text.length() > 128 ? text.substring(0, 128) : text);
        information.put("url", target);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("detail", Map.of("issue", "sign not match"));
        detail.put("field", "signature");
        detail.put("location", "authorization");
        detail.put("sign_information", information);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "SIGN_ERROR");
        body.put("detail", detail);
        body.put("message", "签名错误: 错误的签名，验签失败");
        return FakeResponse.json(401, Json.write(body));
    }

    /** WeChat Pay's check of a request signature; {@code null} when valid, otherwise why not. */
    private String checkAuthorization(
            String method, String target, Map<String, List<String>> headers, byte[] body, Map<String, String> out) {
        List<String> values = headers.get("authorization");
        if (values == null || values.isEmpty()) {
            return "Authorization header missing";
        }
        if (values.size() > 1) {
            return "Authorization header repeated";
        }
        String value = values.get(0);
        String scheme = suite.signatureType() + " ";
        if (!value.startsWith(scheme)) {
            return "unsupported authorization scheme";
        }
        for (String part : value.substring(scheme.length()).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0 || part.length() < eq + 3 || part.charAt(eq + 1) != '"' || !part.endsWith("\"")) {
                return "malformed authorization parameter";
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 2, part.length() - 1));
        }
        for (String required : List.of("mchid", "nonce_str", "timestamp", "serial_no", "signature")) {
            if (!out.containsKey(required)) {
                return "authorization parameter " + required + " missing";
            }
        }
        if (!keys.mchid().equals(out.get("mchid"))) {
            return "mchid does not match";
        }
        if (!suite.merchantSerial().equalsIgnoreCase(out.get("serial_no"))) {
            return "serial_no does not match the merchant certificate";
        }
        long ts;
        try {
            ts = Long.parseLong(out.get("timestamp"));
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > 300) {
            return "timestamp outside the 5-minute window";
        }
        String nonce = out.get("nonce_str");
        if (nonce.isEmpty() || nonce.length() > 32) {
            return "nonce_str length";
        }
        byte[] head = (method + "\n" + target + "\n" + ts + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        try {
            Base64.getDecoder().decode(out.get("signature"));
        } catch (IllegalArgumentException e) {
            return "signature unreadable: " + e.getClass().getSimpleName();
        }
        return suite.verifyMerchant(message, out.get("signature")) ? null : "signature does not verify";
    }
}
