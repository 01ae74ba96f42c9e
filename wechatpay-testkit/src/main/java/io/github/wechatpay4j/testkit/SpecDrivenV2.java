package io.github.wechatpay4j.testkit;

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
            String path,
            Map<String, Object> body,
            Map<String, Object> response,
            boolean certificateRequired,
            boolean download) {}

    private final Map<String, Op> ops = new LinkedHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @SuppressWarnings("unchecked")
    SpecDrivenV2(Map<String, Object> spec) {
        for (Object o : (List<Object>) spec.get("operations")) {
            Map<String, Object> op = (Map<String, Object>) o;
            if (!"v2".equals(op.get("api"))
                    || !"POST".equals(op.get("method"))
                    || "multipart".equals(op.get("consumes"))) {
                continue;
            }
            String path = (String) op.get("path");
            ops.put(
                    path,
                    new Op(
                            path,
                            (Map<String, Object>) op.get("body"),
                            (Map<String, Object>) op.get("response"),
                            Boolean.TRUE.equals(op.get("certificateRequired")),
                            "download".equals(op.get("produces"))));
        }
    }

    boolean serves(String rawPath) {
        return ops.containsKey(rawPath);
    }

    /** The answer last given to {@code "POST /v2/path"} as JSON (its fields as text), or null. */
    String answer(String key) {
        return answers.get(key);
    }

    /** The answer to an APIv2 request for {@code rawPath}, which {@link #serves} said is the spec's. */
    @SuppressWarnings("unchecked")
    byte[] handle(String rawPath, byte[] body, boolean certificatePresented, String mchid, String key) {
        Op op = ops.get(rawPath);
        Map<String, String> request;
        try {
            request = V2Wire.read(body);
        } catch (IllegalArgumentException e) {
            return fail("XML格式错误: " + e.getMessage());
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
        String answerKey = "POST " + MARKER + rawPath;
        if (op.download()) {
            answers.put(answerKey, "");
            return ("交易时间,商户号,商户订单号\r\n`2026-11-23 10:15:30,`" + mchid + ",`example\r\n")
                    .getBytes(StandardCharsets.UTF_8);
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
        answers.put(answerKey, Json.write(answer));
        return V2Wire.write(answer);
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

    private static byte[] fail(String message) {
        return V2Wire.write(Map.of("return_code", "FAIL", "return_msg", message));
    }
}
