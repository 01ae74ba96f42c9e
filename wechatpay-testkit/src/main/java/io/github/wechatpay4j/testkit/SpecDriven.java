package io.github.wechatpay4j.testkit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fake's spec-driven mode: for any operation of the project's compact spec ({@code operations.json}) it checks
 * the request against the spec (method, path, required headers, query parameters, body fields: presence, types,
 * enums, no unknown fields, encrypted fields that decrypt) and answers a signed response built from the spec's
 * examples. A request that breaks the spec gets {@code 400 PARAM_ERROR} naming every problem.
 */
final class SpecDriven {
    static final String FIXED_TIME = "2026-11-23T10:15:30+08:00";

    private record Op(
            String method,
            String path,
            String[] segments,
            List<Map<String, Object>> parameters,
            Map<String, Object> body,
            int status,
            Map<String, Object> response,
            boolean serialRequired,
            boolean idempotencyKey,
            boolean multipart) {}

    private final List<Op> ops = new ArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Function<byte[], String> encryptToMerchant;

    @SuppressWarnings("unchecked")
    SpecDriven(String specJson, Function<byte[], String> encryptToMerchant) {
        this.encryptToMerchant = encryptToMerchant;
        Map<String, Object> spec = Json.parseObject(specJson);
        for (Object o : (List<Object>) spec.get("operations")) {
            Map<String, Object> op = (Map<String, Object>) o;
            String api = (String) op.get("api");
            if ("v2".equals(api) || Boolean.TRUE.equals(op.get("unsigned"))) {
                continue;
            }
            String path = (String) op.get("path");
            ops.add(new Op(
                    (String) op.get("method"),
                    path,
                    path.substring(1).split("/", -1),
                    (List<Map<String, Object>>) op.getOrDefault("parameters", List.of()),
                    (Map<String, Object>) op.get("body"),
                    op.get("status") == null ? 200 : ((Number) op.get("status")).intValue(),
                    (Map<String, Object>) op.get("response"),
                    Boolean.TRUE.equals(op.get("serialRequired")),
                    Boolean.TRUE.equals(op.get("idempotencyKey")),
                    "multipart".equals(op.get("consumes"))));
        }
    }

    int size() {
        return ops.size();
    }

    /** The JSON last answered for {@code METHOD /template}, or null. */
    String answer(String key) {
        return answers.get(key);
    }

    /**
     * The operations a request is for: every segment matches, static ones preferred over placeholders. Several when
     * the spec has two templates that differ only in a placeholder's name (WeChat Pay tells them apart by value).
     */
    private List<Op> match(String method, String rawPath) {
        String[] s = rawPath.substring(1).split("/", -1);
        List<Op> best = new ArrayList<>();
        int bestScore = -1;
        for (Op op : ops) {
            if (!op.method.equals(method) || op.segments.length != s.length) {
                continue;
            }
            int score = 0;
            boolean ok = true;
            for (int i = 0; i < s.length && ok; i++) {
                String t = op.segments[i];
                if (t.startsWith("{") && t.endsWith("}")) {
                    ok = !s[i].isEmpty();
                } else if (t.equals(s[i])) {
                    score++;
                } else {
                    ok = false;
                }
            }
            if (ok && score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (ok && score == bestScore) {
                best.add(op);
            }
        }
        return best;
    }

    /** The answer for {@code request}, or null when no operation of the spec matches it. */
    @SuppressWarnings("unchecked")
    FakeResponse handle(RecordedRequest request, BiFunction<String, String, String> decrypt) {
        List<Op> matched = match(request.method(), request.rawPath());
        if (matched.isEmpty()) {
            return null;
        }
        Op op = matched.get(0);
        List<String> problems = new ArrayList<>();
        String serial = request.header("Wechatpay-Serial").orElse(null);
        if (op.serialRequired && serial == null) {
            problems.add("the Wechatpay-Serial header is required (the request has encrypted fields)");
        }
        if (op.idempotencyKey && request.header("Idempotency-Key").isEmpty()) {
            problems.add("the Idempotency-Key header is required");
        }
        Map<String, List<String>> query = query(request.rawQuery());
        for (Map<String, Object> p : op.parameters) {
            String in = (String) p.get("in");
            String name = (String) p.get("name");
            Map<String, Object> schema = (Map<String, Object>) p.get("schema");
            if ("query".equals(in)) {
                List<String> values = query.remove(name);
                if (values == null) {
                    if (Boolean.TRUE.equals(p.get("required"))) {
                        problems.add("the query parameter " + name + " is required");
                    }
                } else if (schema != null) {
                    checkScalar("query " + name, values.get(0), schema, serial, decrypt, problems);
                }
            }
        }
        for (String unknown : query.keySet()) {
            problems.add("the query parameter " + unknown + " is not in the spec");
        }
        if (op.multipart) {
            UploadCheck.check(
                    request,
                    op.parameters,
                    (where, value, schema, out) -> check(where, value, schema, serial, decrypt, out),
                    problems);
        } else if (op.body != null) {
            if (request.body().length == 0) {
                problems.add("the JSON body is required");
            } else {
                try {
                    check("body", Json.parse(request.bodyAsString()), op.body, serial, decrypt, problems);
                } catch (RuntimeException e) {
                    problems.add("the body is not JSON: " + e.getMessage());
                }
            }
        } else if (request.body().length > 0 && !request.method().equals("GET")) {
            problems.add("the operation takes no body");
        }
        if (!problems.isEmpty()) {
            return FakeResponse.error(400, "PARAM_ERROR", String.join("; ", problems));
        }
        String json = op.response == null ? "" : Json.write(example(op.response, 0));
        for (Op m : matched) {
            answers.put(m.method + " " + m.path, json);
        }
        if (op.response == null) {
            return new FakeResponse(op.status, Map.of(), new byte[0]);
        }
        return FakeResponse.json(op.status, json);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = Payments.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Payments.decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static void checkScalar(
            String where,
            String value,
            Map<String, Object> schema,
            String serial,
            BiFunction<String, String, String> decrypt,
            List<String> problems) {
        String type = (String) schema.getOrDefault("type", "string");
        if (Boolean.TRUE.equals(schema.get("encrypted"))) {
            decrypts(where, value, serial, decrypt, problems);
            return;
        }
        switch (type) {
            case "integer" -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    problems.add(where + " must be an integer, not '" + value + "'");
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add(where + " must be true or false");
                }
            }
            case "string" -> checkString(where, value, schema, problems);
            default -> {}
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkString(String where, String value, Map<String, Object> schema, List<String> problems) {
        List<Object> values = (List<Object>) schema.get("enumValues");
        if (values != null && !values.contains(value)) {
            problems.add(where + " is '" + value + "', not one of " + values);
        }
        if ("rfc3339".equals(schema.get("format"))) {
            try {
                java.time.OffsetDateTime.parse(value);
            } catch (RuntimeException e) {
                problems.add(where + " is not an RFC 3339 time: '" + value + "'");
            }
        }
    }

    private static void decrypts(
            String where,
            String value,
            String serial,
            BiFunction<String, String, String> decrypt,
            List<String> problems) {
        try {
            if (decrypt.apply(serial, value) == null) {
                problems.add(where + " decrypts to nothing");
            }
        } catch (RuntimeException e) {
            problems.add(
                    where + " is not a ciphertext for the platform key in Wechatpay-Serial (" + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(
            String where,
            Object value,
            Map<String, Object> schema,
            String serial,
            BiFunction<String, String, String> decrypt,
            List<String> problems) {
        String type = (String) schema.getOrDefault("type", "any");
        switch (type) {
            case "string" -> {
                if (!(value instanceof String s)) {
                    problems.add(where + " must be a string");
                } else if (Boolean.TRUE.equals(schema.get("encrypted"))) {
                    decrypts(where, s, serial, decrypt, problems);
                } else {
                    checkString(where, s, schema, problems);
                }
            }
            case "integer" -> {
                if (!(value instanceof Long) && !(value instanceof java.math.BigInteger)) {
                    problems.add(where + " must be an integer");
                }
            }
            case "number" -> {
                if (!(value instanceof Number)) {
                    problems.add(where + " must be a number");
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(where + " must be true or false");
                }
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(where + " must be an array");
                } else if (schema.get("items") instanceof Map<?, ?> items) {
                    for (int i = 0; i < list.size(); i++) {
                        check(
                                where + "[" + i + "]",
                                list.get(i),
                                (Map<String, Object>) items,
                                serial,
                                decrypt,
                                problems);
                    }
                }
            }
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(where + " must be an object");
                    return;
                }
                Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (Object r : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!map.containsKey(r)) {
                        problems.add(where + "." + r + " is required");
                    }
                }
                if (props.isEmpty()) {
                    return; // a free-form object
                }
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object s = props.get(e.getKey());
                    if (s == null) {
                        problems.add(where + "." + e.getKey() + " is not a field of the spec");
                    } else {
                        check(
                                where + "." + e.getKey(),
                                e.getValue(),
                                (Map<String, Object>) s,
                                serial,
                                decrypt,
                                problems);
                    }
                }
            }
            default -> {}
        }
    }

    /** A value for {@code schema} from its example, made valid when the example is not. */
    @SuppressWarnings("unchecked")
    private Object example(Map<String, Object> schema, int depth) {
        String type = (String) schema.getOrDefault("type", "any");
        Object ex = schema.get("example");
        switch (type) {
            case "string" -> {
                List<Object> values = (List<Object>) schema.get("enumValues");
                if (values != null && !values.isEmpty()) {
                    return ex != null && values.contains(String.valueOf(ex)) ? String.valueOf(ex) : values.get(0);
                }
                if ("rfc3339".equals(schema.get("format"))) {
                    return FIXED_TIME;
                }
                String s = ex instanceof String || ex instanceof Number || ex instanceof Boolean
                        ? String.valueOf(ex)
                        : "example";
                if (Boolean.TRUE.equals(schema.get("encrypted"))) {
                    return encrypt(s);
                }
                return s;
            }
            case "integer" -> {
                if (ex instanceof Long l) {
                    return l;
                }
                if (ex instanceof String s) {
                    try {
                        return Long.parseLong(s.strip());
                    } catch (NumberFormatException e) {
                        return 1L;
                    }
                }
                return 1L;
            }
            case "number" -> {
                try {
                    return ex == null
                            ? new BigDecimal("1.5")
                            : new BigDecimal(String.valueOf(ex).strip());
                } catch (NumberFormatException e) {
                    return new BigDecimal("1.5");
                }
            }
            case "boolean" -> {
                return !(ex instanceof Boolean b) || b;
            }
            case "array" -> {
                Object items = schema.get("items");
                return items instanceof Map<?, ?> m && depth < 12
                        ? List.of(example((Map<String, Object>) m, depth + 1))
                        : List.of();
            }
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                if (props.isEmpty()) {
                    out.put("example", "value");
                    return out;
                }
                if (depth < 12) {
                    props.forEach((k, v) -> out.put(k, example((Map<String, Object>) v, depth + 1)));
                }
                return out;
            }
            default -> {
                return "example";
            }
        }
    }

    /** A sensitive answer field as WeChat Pay sends it: encrypted to the merchant's key (RSA-OAEP, or SM2). */
    private String encrypt(String plaintext) {
        return encryptToMerchant.apply(plaintext.getBytes(StandardCharsets.UTF_8));
    }
}
