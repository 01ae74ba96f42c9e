package io.github.wechatpay4j.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.WechatPay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.Signature;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A fake WeChat Pay APIv3 server on the JDK {@link HttpServer}, on a free loopback port. It is the real counterpart
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
        BILL_TRUNCATED
    }

    /** A platform certificate the server holds, with its private key. */
    private record Platform(KeyPair keys, X509Certificate certificate, String serial) {
    }

    private final TestKeys keys;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, FakeResponse.Handler> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Fault> faults = Collections.synchronizedSet(EnumSet.noneOf(Fault.class));
    private volatile Mode mode;
    private volatile Duration slowReply = Duration.ofSeconds(3);
    private final List<Platform> certificates = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> lastDecrypted = Map.of();
    private volatile Upload lastUpload;
    private volatile BillSource bill;
    private volatile String billSha1;
    private final Map<String, BillToken> billTokens = new ConcurrentHashMap<>();

    /** One download URL: whether it serves the bill gzipped, and the AES key and nonce when encrypted. */
    private record BillToken(boolean gzip, String key, String nonce) {
    }

    private FakeWechatPay(TestKeys keys, Mode mode, Clock clock) throws IOException {
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
        this.certificates.add(new Platform(keys.platformKeys(), keys.platformCertificate(), keys.platformSerial()));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "fake-wechatpay-" + server.getAddress().getPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
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
        try {
            return new FakeWechatPay(keys, mode, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake WeChat Pay server on loopback", e);
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

    public Mode mode() {
        return mode;
    }

    /** Switches which platform key signs from now on. */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    /**
     * A client builder for this server's merchant, pointed at this server, trusting the platform key of the
     * server's current mode (the public key, or every certificate the server holds), with the APIv3 key for
     * notifications. Add a transport/codec or let discovery find them.
     */
    public WechatPay.Builder clientBuilder() {
        WechatPay.Builder b = merchantBuilder();
        if (mode == Mode.PUBLIC_KEY) {
            b.wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic());
        } else {
            certificates.forEach(p -> b.platformCertificate(p.certificate()));
        }
        return b;
    }

    /**
     * A client builder with the merchant's credentials and APIv3 key, pointed at this server, and no platform key:
     * add {@code autoCertificates()}, a public key or certificates.
     */
    public WechatPay.Builder merchantBuilder() {
        return WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .apiV3Key(keys.apiV3Key())
                .baseUrl(baseUrl());
    }

    /** The platform certificates the server holds, oldest first; the last one signs in certificate mode. */
    public List<X509Certificate> certificates() {
        return certificates.stream().map(Platform::certificate).toList();
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
        KeyPair pair = TestKeys.rsa(random);
        X509Certificate certificate = TestKeys.certificate(pair, random, notBefore, validity);
        certificates.add(new Platform(pair, certificate, TestKeys.serialHex(certificate)));
        return certificate;
    }

    /** The old certificates expire: only the newest is listed (and signs) from now on. */
    public void retireOldCertificates() {
        Platform newest = certificates.get(certificates.size() - 1);
        certificates.retainAll(List.of(newest));
    }

    /**
     * Decrypts a sensitive field (RSA-OAEP) with the private key of the platform key named {@code wechatpaySerial},
     * as WeChat Pay does.
     *
     * @throws IllegalArgumentException when the serial names no key of this server or the ciphertext does not decrypt
     */
    public String decrypt(String wechatpaySerial, String ciphertext) {
        PrivateKey key = privateKeyFor(wechatpaySerial);
        if (key == null) {
            throw new IllegalArgumentException("Wechatpay-Serial " + wechatpaySerial + " names no platform key");
        }
        try {
            return Crypto.oaepDecrypt(key, ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the field does not decrypt with key " + wechatpaySerial, e);
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
        Platform signer = certificates.get(certificates.size() - 1);
        boolean publicKey = mode == Mode.PUBLIC_KEY;
        return new FakeNotification(keys.apiV3Key(), publicKey ? keys.platformKeys().getPrivate()
                : signer.keys().getPrivate(), publicKey ? keys.publicKeyId() : signer.serial(), clock.instant(),
                eventType, resourceJson);
    }

    private PrivateKey privateKeyFor(String serial) {
        if (serial == null) {
            return null;
        }
        if (serial.equalsIgnoreCase(keys.publicKeyId())) {
            return keys.platformKeys().getPrivate();
        }
        return certificates.stream().filter(p -> p.serial().equalsIgnoreCase(serial)).findFirst()
                .map(p -> p.keys().getPrivate()).orElse(null);
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

    public FakeWechatPay clearFaults() {
        faults.clear();
        return this;
    }

    public FakeWechatPay slowReply(Duration delay) {
        this.slowReply = delay;
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
        server.stop(0);
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

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
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
            String error = checkAuthorization(method, target, headers, signed, auth);
            RecordedRequest request = new RecordedRequest(method, rawPath, rawQuery, Collections.unmodifiableMap(headers),
                    body, Collections.unmodifiableMap(auth), error);
            requests.add(request);

            if (faults.contains(Fault.SLOW_REPLY)) {
                try {
                    Thread.sleep(slowReply.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (error == null && method.equals("GET") && rawPath.equals("/v3/billdownload/file")
                    && !routes.containsKey("GET /v3/billdownload/file")) {
                streamBill(exchange, rawQuery);
                return;
            }
            if (faults.contains(Fault.UNSIGNED_HTML_502)) {
                byte[] html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(502, html.length);
                exchange.getResponseBody().write(html);
                return;
            }
            FakeResponse response;
            if (multipartError != null) {
                response = FakeResponse.error(400, "PARAM_ERROR", multipartError);
            } else if (error != null) {
                response = FakeResponse.error(401, "SIGN_ERROR", "签名错误: " + error);
            } else {
                FakeResponse.Handler handler = routes.get(method + " " + rawPath);
                if (handler == null) {
                    handler = builtIn(method + " " + rawPath);
                }
                if (handler == null) {
                    response = FakeResponse.error(404, "NOT_FOUND", "no handler for " + method + " " + rawPath
                            + " on the fake WeChat Pay server");
                } else {
                    try {
                        response = handler.handle(request);
                    } catch (Exception e) {
                        response = FakeResponse.error(500, "SYSTEM_ERROR", "handler failed: " + e);
                    }
                }
            }
            send(exchange, response);
        }
    }

    /** Answers WeChat Pay gives by itself unless a test registered its own with {@link #on}. */
    private FakeResponse.Handler builtIn(String route) {
        return switch (route) {
            case "GET /v3/certificates" -> request -> certificatesAnswer();
            case "POST /v3/payroll-card/tokens" -> this::payrollCardTokens;
            case "GET /v3/bill/tradebill", "GET /v3/bill/fundflowbill", "GET /v3/bill/sub-merchant-fundflowbill" ->
                    this::billAnswer;
            case "POST /v3/merchant/media/upload", "POST /v3/merchant/media/video_upload",
                 "POST /v3/marketing/favor/media/image-upload" -> this::upload;
            default -> null;
        };
    }

    private FakeResponse certificatesAnswer() {
        if (mode == Mode.PUBLIC_KEY) {
            return FakeResponse.error(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥");
        }
        DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        ZoneOffset beijing = ZoneOffset.ofHours(8);
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (Platform p : certificates) {
            if (json.charAt(json.length() - 1) == '}') {
                json.append(',');
            }
            String nonce = Crypto.alphanumeric(random, 12);
            String ciphertext = Crypto.aesGcm(keys.apiV3Key(), "certificate", nonce,
                    TestKeys.pem("CERTIFICATE", encoded(p.certificate())).getBytes(StandardCharsets.UTF_8));
            if (faults.contains(Fault.CERTIFICATES_BAD_TAG)) {
                ciphertext = Crypto.breakTag(ciphertext);
            }
            String serial = faults.contains(Fault.CERTIFICATES_WRONG_SERIAL_NO)
                    ? "7" + p.serial().substring(1) : p.serial();
            json.append("{\"serial_no\":\"").append(serial)
                    .append("\",\"effective_time\":\"").append(format.format(
                            p.certificate().getNotBefore().toInstant().atOffset(beijing)))
                    .append("\",\"expire_time\":\"").append(format.format(
                            p.certificate().getNotAfter().toInstant().atOffset(beijing)))
                    .append("\",\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"")
                    .append(nonce).append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
                    .append(ciphertext).append("\"}}");
        }
        return FakeResponse.json(200, json.append("]}").toString());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
        if (privateKeyFor(serial) == null) {
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
        return FakeResponse.json(200, "{\"openid\":\"" + Json.escape(String.valueOf(openid)) + "\",\"mchid\":\""
                + keys.mchid() + "\",\"sub_mchid\":\"" + Json.escape(String.valueOf(subMchid)) + "\",\"token\":\""
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
        if (file == null || file.filename() == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少file");
        }
        String metaJson = new String(meta.content(), StandardCharsets.UTF_8);
        String sha256 = Json.stringField(metaJson, "sha256");
        String filename = Json.stringField(metaJson, "filename");
        if (sha256 == null || filename == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "meta须包含filename和sha256");
        }
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.content()));
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
        lastUpload = new Upload(request.rawPath(), metaJson, file.filename(), file.contentType(), file.content(),
                marketing ? "https://wxpaylogo.qpic.cn/wxpaylogo/" + id + "/0" : id);
        return FakeResponse.json(200, marketing ? "{\"media_url\":\"" + lastUpload.mediaId() + "\"}"
                : "{\"media_id\":\"" + id + "\"}");
    }

    /**
     * Offers {@code content} as the bill of {@code GET /v3/bill/tradebill} and {@code GET /v3/bill/fundflowbill}
     * (any date): they answer its SHA-1 and a {@code download_url} on this server, whose signed GET streams it,
     * gzipped when the bill was asked for with {@code tar_type=GZIP}, unsigned as WeChat Pay sends it.
     */
    public FakeWechatPay bill(BillSource content) {
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

    private FakeResponse billAnswer(RecordedRequest request) {
        if (bill == null) {
            return FakeResponse.error(400, "NO_STATEMENT_EXIST", "账单文件不存在");
        }
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        if (!query.contains("bill_date=")) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少bill_date");
        }
        String token = Crypto.alphanumeric(random, 40);
        String hash = faults.contains(Fault.BILL_WRONG_HASH) ? "0000000000" + billSha1.substring(10) : billSha1;
        String url = baseUrl() + "/v3/billdownload/file?token=" + token;
        boolean gzip = query.contains("tar_type=GZIP");
        if (!request.rawPath().equals("/v3/bill/sub-merchant-fundflowbill")) {
            billTokens.put(token, new BillToken(gzip, null, null));
            return FakeResponse.json(200, "{\"hash_type\":\"SHA1\",\"hash_value\":\"" + hash
                    + "\",\"download_url\":\"" + url + "\"}");
        }
        if (!query.contains("sub_mchid=") || !query.contains("algorithm=AEAD_AES_256_GCM")) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少sub_mchid或algorithm");
        }
        BillToken encrypted = new BillToken(gzip, Crypto.alphanumeric(random, 32), Crypto.alphanumeric(random, 12));
        billTokens.put(token, encrypted);
        String encryptKey;
        try {
            javax.crypto.Cipher oaep = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(javax.crypto.Cipher.ENCRYPT_MODE, keys.merchantKeys().getPublic());
            encryptKey = java.util.Base64.getEncoder().encodeToString(oaep.doFinal(encrypted.key()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return FakeResponse.json(200, "{\"download_bill_count\":1,\"download_bill_list\":[{\"bill_sequence\":1,"
                + "\"download_url\":\"" + url + "\",\"encrypt_key\":\"" + encryptKey + "\",\"hash_type\":\"SHA1\","
                + "\"hash_value\":\"" + hash + "\",\"nonce\":\"" + encrypted.nonce() + "\"}]}");
    }

    /** The unsigned, streamed bill file; only after the request signature verified. */
    private void streamBill(HttpExchange exchange, String query) throws IOException {
        String token = query != null && query.startsWith("token=") ? query.substring("token=".length()) : "";
        BillToken how = billTokens.get(token);
        BillSource content = bill;
        if (how == null || content == null) {
            send(exchange, FakeResponse.error(400, "INVALID_REQUEST", "下载链接无效或已过期"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", how.gzip() || how.key() != null
                ? "application/octet-stream" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0); // chunked: the length is not known up front
        boolean truncate = faults.contains(Fault.BILL_TRUNCATED);
        try (OutputStream body = exchange.getResponseBody(); InputStream in = content.open()) {
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
            if (how.key() != null) {
                try {
                    javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                            how.key().getBytes(StandardCharsets.UTF_8), "AES"), new javax.crypto.spec.GCMParameterSpec(
                            128, how.nonce().getBytes(StandardCharsets.UTF_8)));
                    sink = new javax.crypto.CipherOutputStream(sink, gcm);
                } catch (GeneralSecurityException e) {
                    throw new IOException(e);
                }
            }
            if (how.gzip()) {
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
    public Upload lastUpload() {
        return lastUpload;
    }

    private void send(HttpExchange exchange, FakeResponse response) throws IOException {
        byte[] body = response.body();
        String timestamp = Long.toString(clock.instant().getEpochSecond()
                - (faults.contains(Fault.STALE_TIMESTAMP) ? 600 : 0));
        String nonce = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        Platform signer = certificates.get(certificates.size() - 1);
        PrivateKey signingKey = mode == Mode.PUBLIC_KEY ? keys.platformKeys().getPrivate() : signer.keys().getPrivate();
        String signature = Crypto.sign(signingKey, timestamp, nonce, body);
        String serial = mode == Mode.PUBLIC_KEY ? keys.publicKeyId() : signer.serial();
        if (faults.contains(Fault.UNKNOWN_SERIAL)) {
            serial = mode == Mode.PUBLIC_KEY ? "PUB_KEY_ID_0000000000000000000000000000" : "0123456789ABCDEF";
        }
        if (faults.contains(Fault.PROBE_SIGNATURE)) {
            signature = "WECHATPAY/SIGNTEST/" + signature;
        }
        if (faults.contains(Fault.TAMPER_BODY) && body.length > 0) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        var out = exchange.getResponseHeaders();
        response.headers().forEach(out::set);
        out.set("Request-ID", "08" + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT));
        if (!faults.contains(Fault.MISSING_SIGNATURE_HEADERS)) {
            out.set("Wechatpay-Serial", serial);
            out.set("Wechatpay-Signature", signature);
            out.set("Wechatpay-Timestamp", timestamp);
            out.set("Wechatpay-Nonce", nonce);
            out.set("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
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

    /** WeChat Pay's check of a request signature; {@code null} when valid, otherwise why not. */
    private String checkAuthorization(String method, String target, Map<String, List<String>> headers, byte[] body,
                                      Map<String, String> out) {
        List<String> values = headers.get("authorization");
        if (values == null || values.isEmpty()) {
            return "Authorization header missing";
        }
        if (values.size() > 1) {
            return "Authorization header repeated";
        }
        String value = values.get(0);
        String scheme = "WECHATPAY2-SHA256-RSA2048 ";
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
        if (!keys.merchantSerial().equalsIgnoreCase(out.get("serial_no"))) {
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
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys.merchantKeys().getPublic());
            s.update(head);
            s.update(body);
            s.update((byte) '\n');
            return s.verify(Base64.getDecoder().decode(out.get("signature"))) ? null : "signature does not verify";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "signature unreadable: " + e.getClass().getSimpleName();
        }
    }
}
