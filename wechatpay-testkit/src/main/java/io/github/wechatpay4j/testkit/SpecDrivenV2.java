package io.github.wechatpay4j.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spec-driven mode for APIv2: every POST operation of the compact spec with an XML body is checked against the
 * spec (the {@code sign} with the algorithm {@code sign_type} names, the client certificate where the spec requires
 * one, required fields present, no field the spec does not have, enumerations) and answered with signed XML built from
 * the response examples, {@code return_code} and {@code result_code} {@code SUCCESS}; a bill download answers a
 * small text table. A request that breaks the spec gets {@code return_code=FAIL} listing every problem.
 */
final class SpecDrivenV2 {
    /** The marker the typed API calls APIv2 with; answers are kept under {@code POST /v2/path}. */
    private static final String MARKER = "/v2";
    /** Fields the client adds to every request whatever the spec lists (the merchant, its app, the nonce, the sign). */
    private static final List<String> ENVELOPE = List.of("mch_id", "appid", "nonce_str", "sign", "sign_type");

    private record Op(
            String method,
            String path,
            Map<String, Object> body,
            Map<String, Object> response,
            boolean certificateRequired,
            boolean download,
            boolean json) {

        /** A page the payer's browser opens: a GET that answers no fields (a redirect). */
        boolean page() {
            return method.equals("GET")
                    && (response == null || ((Map<?, ?>) response.getOrDefault("properties", Map.of())).isEmpty());
        }
    }

    /** What the server answers: the status, the body and its type, and for a page where it redirects. */
    record Answer(int status, String contentType, byte[] body, String location) {}

    private final Map<String, Op> ops = new LinkedHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @SuppressWarnings("unchecked")
    SpecDrivenV2(Map<String, Object> spec) {
        for (Object o : (List<Object>) spec.get("operations")) {
            Map<String, Object> op = (Map<String, Object>) o;
            if (!"v2".equals(op.get("api"))) {
                continue;
            }
            String method = (String) op.get("method");
            String path = (String) op.get("path");
            boolean multipart = "multipart".equals(op.get("consumes"));
            ops.put(
                    method + " " + path,
                    new Op(
                            method,
                            path,
                            method.equals("GET")
                                    ? parameters(op, "query")
                                    : multipart ? parameters(op, "form") : (Map<String, Object>) op.get("body"),
                            (Map<String, Object>) op.get("response"),
                            Boolean.TRUE.equals(op.get("certificateRequired")),
                            "download".equals(op.get("produces")),
                            "json".equals(op.get("produces"))));
        }
    }

    /** A GET's query parameters or an upload's form fields (not its file) as the schema of its fields. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Map<String, Object> op, String in) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (Object o : (List<Object>) op.getOrDefault("parameters", List.of())) {
            Map<String, Object> p = (Map<String, Object>) o;
            Object type = ((Map<String, Object>) p.getOrDefault("schema", Map.of())).get("type");
            if (in.equals(p.get("in")) && !"file".equals(type)) {
                properties.put((String) p.get("name"), p.getOrDefault("schema", Map.of()));
                if (Boolean.TRUE.equals(p.get("required"))) {
                    required.add(p.get("name"));
                }
            }
        }
        return Map.of("properties", properties, "required", required);
    }

    boolean serves(String method, String rawPath) {
        return ops.containsKey(method + " " + rawPath);
    }

    /** The answer last given to {@code "METHOD /v2/path"} (its fields as JSON; empty for a file or a page), or null. */
    String answer(String key) {
        return answers.get(key);
    }

    /** The answer to an APIv2 request, which {@link #serves} said is the spec's. */
    @SuppressWarnings("unchecked")
    Answer handle(
            String method,
            String rawPath,
            String rawQuery,
            String contentType,
            byte[] body,
            boolean certificatePresented,
            String mchid,
            String key) {
        Op op = ops.get(method + " " + rawPath);
        Map<String, String> request = new LinkedHashMap<>();
        String boundary = contentType == null ? null : Multipart.boundary(contentType);
        if (boundary != null) { // an upload: its text parts are the fields; the file's MD5 is media_hash
            byte[] file = null;
            try {
                for (Multipart.Part part : Multipart.parse(boundary, body).values()) {
                    if (part.filename() == null) {
                        request.put(part.name(), new String(part.content(), StandardCharsets.UTF_8));
                    } else {
                        file = part.content();
                    }
                }
            } catch (IllegalArgumentException e) {
                return fail("multipart格式错误: " + e.getMessage());
            }
            if (file == null || !md5(file).equals(request.get("media_hash"))) {
                return fail("the upload has no file, or media_hash is not the MD5 of its file");
            }
        } else if (op.method().equals("GET")) {
            for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                request.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } else {
            try {
                request = V2Wire.read(body);
            } catch (IllegalArgumentException e) {
                return fail("XML格式错误: " + e.getMessage());
            }
        }
        String signType = request.getOrDefault("sign_type", "");
        signType = signType.isEmpty() ? V2Wire.MD5 : signType;
        List<String> problems = new ArrayList<>();
        if (!signType.equals(V2Wire.MD5) && !signType.equals(V2Wire.HMAC_SHA256)) {
            problems.add("sign_type " + signType + " is neither MD5 nor HMAC-SHA256");
        } else if (!V2Wire.sign(request, signType, key).equals(request.get("sign"))) {
            problems.add("签名错误: the sign does not verify with " + signType);
        }
        String merchant = request.getOrDefault("mch_id", request.getOrDefault("mchid", request.get("combine_mch_id")));
        if (!mchid.equals(merchant)) {
            problems.add("the request names merchant " + merchant + ", not " + mchid);
        }
        if (op.certificateRequired() && !certificatePresented) {
            problems.add("证书错误: the operation requires the merchant's API certificate in the TLS handshake");
        }
        Map<String, Object> properties =
                op.body() == null ? Map.of() : (Map<String, Object>) op.body().getOrDefault("properties", Map.of());
        List<Object> required =
                op.body() == null ? List.of() : (List<Object>) op.body().getOrDefault("required", List.of());
        for (Object name : required) {
            if (!ENVELOPE.contains(name)
                    && request.getOrDefault((String) name, "").isEmpty()) {
                problems.add("缺少参数" + name);
            }
        }
        request.forEach((name, value) -> {
            Map<String, Object> schema = (Map<String, Object>) properties.get(name);
            if (schema == null) {
                // a body the spec does not describe (no properties) cannot be judged field by field
                if (!ENVELOPE.contains(name) && !properties.isEmpty()) {
                    problems.add("the spec has no field " + name);
                }
                return;
            }
            List<Object> values = (List<Object>) schema.getOrDefault("enumValues", List.of());
            if (!values.isEmpty() && !values.contains(value)) {
                problems.add(name + " is " + value + ", not one of " + values);
            }
        });
        if (!problems.isEmpty()) {
            return fail(String.join("; ", problems));
        }
        String answerKey = method + " " + MARKER + rawPath;
        if (op.download()) {
            answers.put(answerKey, "");
            return new Answer(
                    200,
                    "text/plain",
                    ("交易时间,商户号,商户订单号\r\n`2026-11-23 10:15:30,`" + mchid + ",`example\r\n")
                            .getBytes(StandardCharsets.UTF_8),
                    null);
        }
        if (op.page()) {
            answers.put(answerKey, "");
            return new Answer(302, null, new byte[0], "https://pay.weixin.qq.com/wiki/doc/api/index.html");
        }
        Map<String, String> answer = new LinkedHashMap<>();
        Map<String, Object> response = op.response() == null
                ? Map.of()
                : (Map<String, Object>) op.response().getOrDefault("properties", Map.of());
        response.forEach((name, s) -> {
            Map<String, Object> schema = (Map<String, Object>) s;
            Object example = schema.get("example");
            if ("object".equals(schema.get("type")) || "array".equals(schema.get("type"))) {
                example = nestedXml(schema); // a field with nested elements: their XML text
            }
            if (example != null && !name.equals("err_code") && !name.equals("err_code_des")) {
                String text = example instanceof Number n ? n.toString() : String.valueOf(example);
                if (("integer".equals(schema.get("type")) || "number".equals(schema.get("type")))
                        && !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    text = "1"; // the source's example is prose ("1或2"): answer a number, as WeChat Pay does
                }
                // an indexed field (out_refund_no_$n, coupon_id_$n_$m) answers its first: out_refund_no_0
                answer.put(name.replace("$n", "0").replace("$m", "0"), text);
            }
        });
        answer.put("return_code", "SUCCESS");
        answer.put("return_msg", "OK");
        if (response.containsKey("result_code")) {
            answer.put("result_code", "SUCCESS");
        }
        if (response.containsKey("mch_id")) {
            answer.put("mch_id", mchid);
        }
        if (response.containsKey("mchid")) {
            answer.put("mchid", mchid);
        }
        if (request.containsKey("appid") && response.containsKey("appid")) {
            answer.put("appid", request.get("appid"));
        }
        if (response.containsKey("nonce_str")) {
            answer.put("nonce_str", Crypto.alphanumeric(random, 32));
        }
        answer.remove("sign");
        answer.put("sign", V2Wire.sign(answer, signType, key));
        if (op.json()) { // unsigned JSON, its numbers as numbers
            Map<String, Object> json = new LinkedHashMap<>();
            answer.forEach((name, value) -> {
                Map<String, Object> schema = (Map<String, Object>) response.getOrDefault(name, Map.of());
                json.put(name, "integer".equals(schema.get("type")) ? (Object) Long.parseLong(value) : value);
            });
            json.remove("return_code");
            json.remove("return_msg");
            json.remove("sign");
            json.remove("nonce_str");
            json.put("retcode", 0);
            answers.put(answerKey, Json.write(json));
            return new Answer(200, "application/json", Json.write(json).getBytes(StandardCharsets.UTF_8), null);
        }
        answers.put(answerKey, Json.write(answer));
        return new Answer(200, "text/plain", V2Wire.write(answer), null);
    }

    /** The nested elements of an object or array field, from their examples: {@code <hbinfo><openid>…</openid>…}. */
    @SuppressWarnings("unchecked")
    private static String nestedXml(Map<String, Object> schema) {
        Map<String, Object> object = "array".equals(schema.get("type"))
                ? (Map<String, Object>) schema.getOrDefault("items", Map.of())
                : schema;
        StringBuilder xml = new StringBuilder();
        ((Map<String, Object>) object.getOrDefault("properties", Map.of())).forEach((name, s) -> {
            Map<String, Object> child = (Map<String, Object>) s;
            Object value = "object".equals(child.get("type")) || "array".equals(child.get("type"))
                    ? nestedXml(child)
                    : child.getOrDefault("example", "1");
            xml.append('<')
                    .append(name)
                    .append('>')
                    .append(value)
                    .append("</")
                    .append(name)
                    .append('>');
        });
        return xml.toString();
    }

    private static String md5(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer fail(String message) {
        return new Answer(200, "text/plain", V2Wire.write(Map.of("return_code", "FAIL", "return_msg", message)), null);
    }
}
