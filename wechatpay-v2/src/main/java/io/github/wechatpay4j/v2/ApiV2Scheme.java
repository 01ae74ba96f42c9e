package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.scheme.Scheme;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WeChat Pay APIv2 as a scheme of the client: a client built with {@code .scheme("v2", ApiV2Scheme.factory(key,
 * SignType.HMAC_SHA256))} sends {@code chain("v2/pay/micropay").post(Options.xml(fields))} as APIv2, through the same
 * stages as its APIv3 calls.
 *
 * <p>A call's fields are written as {@code <xml>} once per call, with the merchant (the client's, under the name the
 * operation uses: {@code mch_id}, {@code mchid} or {@code combine_mch_id}; a different one is refused), the app ID
 * (when configured, absent and taken by the operation, under its name: {@code appid}, {@code mch_appid},
 * {@code wxappid}…), {@code nonce_str} (unless the operation takes
 * none), {@code sign_type} and the {@code sign}. The algorithm is the request's own {@code sign_type} when it has one,
 * else the client's, unless the spec says the operation takes only another one (MD5 for red packets and transfers,
 * which have no {@code sign_type}; HMAC-SHA256 for profit sharing and micro-merchant applications); {@code sign_type}
 * is written when the operation requires it or the algorithm is not MD5. Calls to the operations the spec marks
 * {@code certificateRequired} go through the client's client-certificate transport. The {@code /v2}
 * marker is dropped from the path on the wire. An answer is read as {@link ApiV2Answers} says, its sign checked with
 * the algorithm the request declared, except for operations WeChat Pay does not sign; what the application binds
 * ({@code ApiResponse.asMap()}, {@code as(Record.class)}) is its fields.
 */
public final class ApiV2Scheme implements Scheme {
    /** The scheme's name. */
    public static final String NAME = "WECHATPAY-APIV2";
    /** The first segment of the paths APIv2 calls are made with: {@code v2/pay/micropay}. */
    public static final String SEGMENT = "v2";

    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final List<String> MERCHANT_FIELDS = List.of("mch_id", "mchid", "combine_mch_id");
    private static final List<String> APP_FIELDS = List.of("appid", "mch_appid", "wxappid", "combine_appid");

    private final Parts parts;
    private final ApiV2Key key;
    private final SignType signType;
    private final String appid;
    private final ApiV2Facts facts;

    private ApiV2Scheme(Parts parts, ApiV2Key key, SignType signType, String appid, ApiV2Facts facts) {
        if (parts == null || parts.merchantId() == null || parts.nonces() == null) {
            throw new ConfigurationException("the APIv2 scheme needs the client's merchant ID and nonces");
        }
        this.parts = parts;
        this.key = key;
        this.signType = signType;
        this.appid = appid;
        this.facts = facts;
    }

    /** The scheme for a client's {@code v2/…} calls, signing with {@code signType}. */
    public static Scheme.Factory factory(ApiV2Key key, SignType signType) {
        return factory(key, signType, null);
    }

    /** The same, adding {@code appid} to the calls that give none. */
    public static Scheme.Factory factory(ApiV2Key key, SignType signType, String appid) {
        if (key == null || signType == null) {
            throw new ConfigurationException("the APIv2 scheme needs the APIv2 key and a sign type");
        }
        return parts -> new ApiV2Scheme(parts, key, signType, appid, ApiV2Facts.BUILT_IN);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String wirePath(String pathAndQuery) {
        return pathAndQuery.startsWith("/" + SEGMENT + "/")
                ? pathAndQuery.substring(SEGMENT.length() + 1)
                : pathAndQuery;
    }

    @Override
    public Optional<EncodedBody> encodeFields(String method, String path, Map<String, String> fields) {
        if (!"POST".equals(method)) {
            throw new InvalidRequestException("APIv2 operations with a body are POSTs, not " + method + " " + path
                    + ": give a GET's fields as" + " query parameters");
        }
        Map<String, String> f = signed(wirePath(path), fields, false);
        return Optional.of(new EncodedBody(ApiV2Xml.write(f), CONTENT_TYPE));
    }

    /**
     * A GET's query signed as its body would be (the pages a payer's browser opens, {@code papay/h5entrustweb}):
     * the merchant, the app ID and {@code sign_type} added as the operation takes them, then the {@code sign}.
     */
    @Override
    public List<Map.Entry<String, String>> signQuery(
            String method, String wirePath, List<Map.Entry<String, String>> query) {
        if (!"GET".equals(method)) {
            return query;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : query) {
            if (given.put(e.getKey(), e.getValue()) != null) {
                throw new InvalidRequestException("the query parameter " + e.getKey() + " is given twice: an APIv2"
                        + " query is signed field by field, so each field is given once");
            }
        }
        return List.copyOf(signed(wirePath, given, true).entrySet());
    }

    /**
     * An APIv2 upload ({@code secapi/mch/uploadmedia}): a form of the merchant, {@code media_hash} (the file's MD5 in
     * lower-case hex), {@code sign_type} and the {@code sign} over them, then the file as {@code media}.
     */
    @Override
    public Optional<EncodedBody> encodeUpload(
            String method,
            String path,
            String filename,
            String contentType,
            byte[] content,
            Map<String, String> fields) {
        if (!"POST".equals(method)) {
            throw new InvalidRequestException("an APIv2 upload is a POST, not " + method + " " + path);
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("media_hash", md5Hex(content));
        Map<String, String> f = signed(wirePath(path), form, true);
        String boundary = "wechatpay4j-" + parts.nonces().get();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        f.forEach((name, value) ->
                part(body, boundary, "name=\"" + name + "\"", null, value.getBytes(StandardCharsets.UTF_8)));
        part(body, boundary, "name=\"media\"; filename=\"" + filename.replace("\"", "") + "\"", contentType, content);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return Optional.of(new EncodedBody(body.toByteArray(), "multipart/form-data; boundary=" + boundary));
    }

    private static String md5Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static void part(
            ByteArrayOutputStream out, String boundary, String disposition, String type, byte[] value) {
        StringBuilder head = new StringBuilder("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; ")
                .append(disposition)
                .append("\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@code fields} with what the scheme adds and the {@code sign}, in the order they are sent.
     *
     * @param bySpec whether {@code nonce_str} is added only when the spec lists it (a GET's query, an upload's form);
     *               otherwise unless the reference SDKs say the operation takes none
     */
    private Map<String, String> signed(String wirePath, Map<String, String> fields, boolean bySpec) {
        if (fields.containsKey("sign")) {
            throw new InvalidRequestException("do not set sign: the client signs every APIv2 request itself");
        }
        ApiV2Facts.Operation operation = facts.operation(wirePath);
        Map<String, String> f = new LinkedHashMap<>();
        String given = MERCHANT_FIELDS.stream()
                .map(fields::get)
                .filter(v -> v != null)
                .findFirst()
                .orElse(null);
        if (given == null) {
            f.put(operation.merchantField(), parts.merchantId());
        } else if (!given.equals(parts.merchantId())) {
            throw new InvalidRequestException("the request is for merchant " + given + ", but this client signs for "
                    + parts.merchantId() + ": use that merchant's client");
        }
        if (appid != null && operation.appField() != null && APP_FIELDS.stream().noneMatch(fields::containsKey)) {
            f.put(operation.appField(), appid);
        }
        f.putAll(fields);
        boolean nonce = bySpec ? operation.nonceTaken() : !facts.noNonce().contains(wirePath);
        if (!f.containsKey("nonce_str") && nonce) {
            f.put("nonce_str", parts.nonces().get());
        }
        SignType type;
        if (f.containsKey("sign_type")) {
            type = SignType.ofRequest(f.get("sign_type"));
        } else {
            type = operation.signTypeFor(signType);
            if (operation.sendsSignType(type)) {
                f.put("sign_type", type.wireName());
            }
        }
        f.put("sign", ApiV2Signatures.sign(f, type, key));
        return f;
    }

    /** The operations the spec marks as requiring the merchant's API client certificate (mutual TLS). */
    @Override
    public boolean requiresClientCertificate(String wirePath) {
        return facts.operation(wirePath).certificateRequired();
    }

    /**
     * A bill download ({@code pay/downloadbill}, {@code pay/downloadfundflow}) that failed answers {@code <xml>} in
     * place of the file, in a 200: read, it becomes the typed failure ({@code return_msg}, {@code error_code}).
     */
    @Override
    public boolean answersInsteadOfFile(byte[] head) {
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("<xml>") || start.startsWith("<?xml");
    }

    /** The request's body was written and signed by {@link #encodeFields}: an attempt adds nothing. */
    @Override
    public HttpRequest sign(HttpRequest request, byte[] signed) {
        return request;
    }

    @Override
    public Optional<byte[]> checkAnswer(HttpRequest request, HttpResponse response, JsonCodec codec) {
        int status = response.statusCode();
        String requestId = response.requestId().orElse(null);
        if (!response.isSuccessful()) {
            throw new ServiceException(status, null, null, null, requestId, false, abbreviated(response.body()));
        }
        SignType requested = SignType.ofRequest(requestedSignType(request));
        if (looksLikeJson(response.body())) {
            return Optional.of(jsonAnswer(request, response, codec));
        }
        boolean signed = !facts.unsignedAnswer().contains(request.uri().getRawPath());
        Map<String, String> fields;
        try {
            fields = ApiV2Answers.check(status, response.body(), requested, key, signed);
        } catch (MalformedXmlException e) {
            throw new MalformedResponseException(
                    "the APIv2 answer to " + request.uri().getRawPath() + " is refused: " + e.getMessage(),
                    status,
                    requestId,
                    e);
        }
        return Optional.of(codec.write(fields));
    }

    /** The {@code sign_type} the request declared: in its XML body, its upload form, or for a GET in its query. */
    private static String requestedSignType(HttpRequest request) {
        String type = request.headers().first("Content-Type").orElse("");
        if (type.startsWith("multipart/")) {
            // the form this scheme wrote: the part's value follows its header's blank line
            String form = new String(request.body(), StandardCharsets.UTF_8);
            int part = form.indexOf("name=\"sign_type\"\r\n\r\n");
            if (part < 0) {
                return null;
            }
            int from = part + "name=\"sign_type\"\r\n\r\n".length();
            return form.substring(from, form.indexOf("\r\n", from));
        }
        if (request.body().length > 0) {
            return ApiV2Xml.read(request.body()).get("sign_type");
        }
        String query = request.uri().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("sign_type=")) {
                return URLDecoder.decode(pair.substring("sign_type=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The few APIv2 answers that are JSON (identity authorisation's {@code appauth/getaccesstoken}): unsigned, their
     * failure a {@code retcode} other than 0 with {@code retmsg}.
     */
    private static byte[] jsonAnswer(HttpRequest request, HttpResponse response, JsonCodec codec) {
        Map<String, Object> answer;
        try {
            answer = codec.read(response.body(), Map.class);
        } catch (RuntimeException e) {
            throw new MalformedResponseException(
                    "the APIv2 answer to " + request.uri().getRawPath() + " is not JSON",
                    response.statusCode(),
                    response.requestId().orElse(null),
                    e);
        }
        Object retcode = answer.get("retcode");
        if (retcode != null && !"0".equals(String.valueOf(retcode))) {
            Object message = answer.get("retmsg");
            throw new ApiV2ServiceException(
                    response.statusCode(),
                    "FAIL",
                    message == null ? null : String.valueOf(message),
                    null,
                    String.valueOf(retcode),
                    null,
                    false,
                    abbreviated(response.body()));
        }
        return response.body();
    }

    @Override
    public boolean isSigned(Headers headers) {
        return false; // APIv2 signs inside the body
    }

    @Override
    public List<String> signatureHeaders() {
        return List.of();
    }

    @Override
    public void verify(Headers headers, byte[] signed, Instant now, Duration window) {
        throw new ConfigurationException("APIv2 answers carry their sign in the body; they are checked as a whole,"
                + " not through headers (ApiV2Answers), and APIv2 notifications by ApiV2Notifications");
    }

    @Override
    public byte[] decrypt(String algorithm, String associatedData, String nonce, String ciphertext) {
        throw new DecryptionException("APIv2 encrypts only refund notifications' req_info (AES-256-ECB): read them"
                + " with ApiV2Notifications");
    }

    private static String abbreviated(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 512 ? s.substring(0, 512) + "…" : s;
    }

    @Override
    public String toString() {
        return "ApiV2Scheme[mchid=" + parts.merchantId() + ", " + signType.wireName() + "]";
    }
}
