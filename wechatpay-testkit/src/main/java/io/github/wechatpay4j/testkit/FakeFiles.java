package io.github.wechatpay4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The files WeChat Pay serves as raw bytes, as it serves them: complaint images, fapiao files and electronic transfer
 * receipts unsigned (the receipt's query answer carries its hash), overseas statements signed through their SHA-1 (the
 * signature covers {@code {"sha1":"<Wechatpay-Statement-Sha1>"}}, as wechatpay-php's {@code ClientJsonTrait.php}
 * verifies it), gzip-encoded when the request accepts gzip.
 */
final class FakeFiles {

    /** Signs a statement's stand-in body with the server's current key: the four {@code Wechatpay-*} headers. */
    @FunctionalInterface
    interface StatementSigner {
        Map<String, String> headers(byte[] signed, Set<FakeWechatPay.Fault> active);
    }

    private record File(byte[] content, String contentType) {}

    private final SecureRandom random;
    private final StatementSigner signer;
    private final Map<String, File> images = new ConcurrentHashMap<>();
    private final Map<String, File> receipts = new ConcurrentHashMap<>();
    private final Map<String, File> tokens = new ConcurrentHashMap<>();
    private volatile String receiptHashType = "SHA256";

    FakeFiles(SecureRandom random, StatementSigner signer) {
        this.random = random;
        this.signer = signer;
    }

    void receiptHashType(String type) {
        this.receiptHashType = type;
    }

    /** Keeps an image uploaded to {@code …/merchant-service/images/upload} for {@code GET …/images/{media_id}}. */
    void putImage(String mediaId, byte[] content, String filename) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        putImageOfType(
                mediaId,
                content,
                name.endsWith(".png") ? "image/png" : name.endsWith(".bmp") ? "image/bmp" : "image/jpeg");
    }

    /** Keeps an image under {@code mediaId} (as decoded from the path) with its content type. */
    void putImageOfType(String mediaId, byte[] content, String contentType) {
        images.put(mediaId, new File(content.clone(), contentType));
    }

    /** A path segment's value: percent-decoded, a {@code +} kept as it is (paths are not form-encoded). */
    private static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether {@code GET rawPath} is one of the raw file answers this class writes itself. */
    static boolean servesRaw(String method, String rawPath) {
        return method.equals("GET")
                && (rawPath.matches("/v3/(?:global/)?merchant-service/images/[^/]+") && !rawPath.endsWith("/upload")
                        || rawPath.equals("/v3/transferdownload/elecvoucherfile")
                        || rawPath.equals("/v3/transferdownload/signfile")
                        || rawPath.equals("/v3/global/statements")
                        || rawPath.equals("/v3/new-tax-control-fapiao/download")
                        || rawPath.equals("/hk/v3/statements"));
    }

    /** The signed JSON operations around the files: applying for and querying a transfer receipt. */
    FakeResponse.Handler route(String method, String rawPath, String baseUrl, Set<FakeWechatPay.Fault> active) {
        String prefix = "/v3/fund-app/mch-transfer/elecsign/out-bill-no";
        if (method.equals("POST") && rawPath.equals(prefix)) {
            return request -> {
                String no = Json.stringField(new String(request.body(), StandardCharsets.UTF_8), "out_bill_no");
                if (no == null || no.isBlank()) {
                    return FakeResponse.error(
                            400, "PARAM_ERROR", "缺少out_bill_no", "/out_bill_no", "", "required", "body");
                }
                receipts.computeIfAbsent(no, k -> new File(receiptPdf(k), "application/pdf"));
                return FakeResponse.ok("{\"state\":\"GENERATING\",\"create_time\":\"2026-11-30T10:00:00+08:00\"}");
            };
        }
        if (method.equals("GET")
                && rawPath.matches("/v3/new-tax-control-fapiao/fapiao-applications/[^/]+/fapiao-files")) {
            return request -> fapiaoFiles(request, baseUrl);
        }
        if (method.equals("GET") && rawPath.startsWith(prefix + "/")) {
            String no = segment(rawPath.substring(prefix.length() + 1));
            return request -> receiptAnswer(no, baseUrl, active);
        }
        return null;
    }

    private FakeResponse receiptAnswer(String outBillNo, String baseUrl, Set<FakeWechatPay.Fault> active) {
        File receipt = receipts.get(outBillNo);
        if (receipt == null) {
            return FakeResponse.error(404, "NOT_FOUND", "电子回单申请单不存在");
        }
        String token = Crypto.alphanumeric(random, 32);
        tokens.put(token, receipt);
        String type = receiptHashType;
        String hash = hex(digest(type, receipt.content()));
        if (active.contains(FakeWechatPay.Fault.BILL_WRONG_HASH)) {
            hash = "0000000000" + hash.substring(10);
        }
        return FakeResponse.ok("{\"state\":\"FINISHED\",\"create_time\":\"2026-11-30T10:00:00+08:00\","
                + "\"update_time\":\"2026-11-30T10:00:05+08:00\",\"hash_type\":\"" + type + "\",\"hash_value\":\""
                + hash.toUpperCase(Locale.ROOT) + "\",\"download_url\":\"" + baseUrl
                + "/v3/transferdownload/elecvoucherfile?token=" + token + "&source=elecsign\"}");
    }

    /** The download information of an issued fapiao: one PDF per {@code fapiao_id}, at a token URL. */
    private FakeResponse fapiaoFiles(RecordedRequest request, String baseUrl) {
        Map<String, String> query = query(request.rawQuery());
        String fapiaoId = query.get("fapiao_id");
        if (fapiaoId == null || query.get("sub_mchid") == null) {
            return FakeResponse.error(400, "PARAM_ERROR", "缺少sub_mchid或fapiao_id");
        }
        String token = Crypto.alphanumeric(random, 32);
        tokens.put(
                token,
                new File(
                        ("%PDF-1.4\n% fake fapiao " + fapiaoId + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1),
                        "application/pdf"));
        return FakeResponse.ok("{\"fapiao_download_info_list\":[{\"fapiao_id\":\"" + Json.escape(fapiaoId)
                + "\",\"download_url\":\"" + baseUrl + "/v3/new-tax-control-fapiao/download?token=" + token
                + "\",\"status\":\"ISSUED\"}]}");
    }

    /** Writes the raw answer to an authenticated {@code GET} of a file. */
    void answer(FakeExchange exchange, RecordedRequest request, Set<FakeWechatPay.Fault> active, Sender signedSender)
            throws IOException {
        String path = request.rawPath();
        Map<String, String> query = query(request.rawQuery());
        if (path.endsWith("/statements")) {
            statement(exchange, request, query, active, signedSender);
            return;
        }
        File file;
        if (path.startsWith("/v3/transferdownload/") || path.equals("/v3/new-tax-control-fapiao/download")) {
            file = tokens.get(query.getOrDefault("token", ""));
            if (file == null) {
                signedSender.send(FakeResponse.error(400, "INVALID_REQUEST", "下载链接无效或已过期"));
                return;
            }
        } else {
            file = images.get(segment(path.substring(path.lastIndexOf('/') + 1)));
            if (file == null) {
                signedSender.send(FakeResponse.error(404, "RESOURCE_NOT_EXISTS", "图片不存在"));
                return;
            }
        }
        byte[] body = file.content();
        if (active.contains(FakeWechatPay.Fault.TAMPER_BODY) && body.length > 0) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        writeRaw(exchange, 200, Map.of("Content-Type", file.contentType()), body);
    }

    /** Sends a signed JSON answer (an error) through the server's usual path. */
    @FunctionalInterface
    interface Sender {
        void send(FakeResponse response) throws IOException;
    }

    private void statement(
            FakeExchange exchange,
            RecordedRequest request,
            Map<String, String> query,
            Set<FakeWechatPay.Fault> active,
            Sender signedSender)
            throws IOException {
        String date = query.get("date");
        if (date == null || !date.matches("\\d{8}")) {
            signedSender.send(FakeResponse.error(
                    400, "PARAM_ERROR", "date格式错误，应为yyyyMMdd", "date", date, "must be yyyyMMdd", "query"));
            return;
        }
        byte[] csv = ("Transaction Time,Mch ID,Transaction ID,Merchant Order ID,Currency,Amount\r\n"
                        + "`" + date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6)
                        + " 10:00:00,`"
                        + query.getOrDefault("mchid", "1900000109") + ",`4200000001" + date
                        + "0000000001,`order-1,`HKD,`1.00\r\n"
                        + "Total Count,Total Amount\r\n`1,`1.00\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String sha1 = hex(digest("SHA1", csv));
        Map<String, String> headers =
                new HashMap<>(signer.headers(("{\"sha1\":\"" + sha1 + "\"}").getBytes(StandardCharsets.UTF_8), active));
        headers.put("Wechatpay-Statement-Sha1", sha1);
        headers.put("Content-Type", "text/plain;charset=utf-8");
        byte[] body = csv;
        if (active.contains(FakeWechatPay.Fault.TAMPER_BODY)) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        if (request.header("Accept-Encoding")
                .orElse("")
                .toLowerCase(Locale.ROOT)
                .contains("gzip")) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(body);
            }
            body = gz.toByteArray();
            headers.put("Content-Encoding", "gzip");
        }
        writeRaw(exchange, 200, headers, body);
    }

    private static void writeRaw(FakeExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** A small PDF-shaped receipt, different for every bill number. */
    private static byte[] receiptPdf(String outBillNo) {
        return ("%PDF-1.4\n% fake WeChat Pay transfer receipt\n1 0 obj << /Title (" + outBillNo + ") >> endobj\n"
                        + "trailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] digest(String type, byte[] content) {
        if (type.equals("SM3")) {
            return Sm3.digest(content);
        }
        try {
            return MessageDigest.getInstance(type.equals("SHA1") ? "SHA-1" : "SHA-256")
                    .digest(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
