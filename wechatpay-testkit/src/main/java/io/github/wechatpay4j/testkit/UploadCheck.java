package io.github.wechatpay4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spec-driven fake's check of a multipart upload, independent of the client: every form field of the spec is a
 * part (the file under its own name, with a file name), the {@code meta} JSON keeps its schema (required members,
 * types, no unknown member, encrypted members that decrypt), and the file digest the meta announces is the file's:
 * {@code sha256} and {@code file_digest} by SHA-256, {@code digest} by the algorithm its sibling member names (SM3
 * computed by the fake's own {@link Sm3}).
 */
final class UploadCheck {

    /** Checks a value against a schema, adding problems (the spec-driven body check). */
    @FunctionalInterface
    interface SchemaCheck {
        void check(String where, Object value, Map<String, Object> schema, List<String> problems);
    }

    private UploadCheck() {}

    @SuppressWarnings("unchecked")
    static void check(
            RecordedRequest request,
            List<Map<String, Object>> parameters,
            SchemaCheck schemaCheck,
            List<String> problems) {
        String boundary = Multipart.boundary(request.header("Content-Type").orElse(null));
        if (boundary == null) {
            problems.add("an upload must be multipart/form-data, not "
                    + request.header("Content-Type").orElse(""));
            return;
        }
        Map<String, Multipart.Part> parts;
        try {
            parts = Multipart.parse(boundary, request.body());
        } catch (IllegalArgumentException e) {
            problems.add("the multipart body is malformed: " + e.getMessage());
            return;
        }
        byte[] file = null;
        Map<String, Object> meta = null;
        for (Map<String, Object> p : parameters) {
            if (!"form".equals(p.get("in"))) {
                continue;
            }
            String name = (String) p.get("name");
            Map<String, Object> schema = (Map<String, Object>) p.getOrDefault("schema", Map.of());
            Multipart.Part part = parts.remove(name);
            if (part == null) {
                if (Boolean.TRUE.equals(p.get("required"))) {
                    problems.add("the form field " + name + " is required");
                }
                continue;
            }
            if ("file".equals(schema.get("type"))) {
                if (part.filename() == null || part.filename().isBlank()) {
                    problems.add("the file part " + name + " has no filename");
                }
                file = part.content();
            } else if ("object".equals(schema.get("type"))) {
                try {
                    meta = Json.parseObject(new String(part.content(), StandardCharsets.UTF_8));
                    schemaCheck.check(name, meta, schema, problems);
                } catch (RuntimeException e) {
                    problems.add("the form field " + name + " is not a JSON object: " + e.getMessage());
                }
            }
        }
        parts.keySet().forEach(unknown -> problems.add("the form field " + unknown + " is not in the spec"));
        if (file != null && meta != null) {
            checkDigest(meta, file, problems);
        }
    }

    private static void checkDigest(Map<String, Object> meta, byte[] file, List<String> problems) {
        for (String field : List.of("sha256", "file_digest", "digest")) {
            if (!(meta.get(field) instanceof String announced)) {
                continue;
            }
            Object named =
                    meta.containsKey("digest_alogrithm") ? meta.get("digest_alogrithm") : meta.get("digest_algorithm");
            boolean sm3 = field.equals("digest")
                    && named != null
                    && String.valueOf(named).toUpperCase(Locale.ROOT).endsWith("SM3");
            String actual = java.util.HexFormat.of().formatHex(FakeFiles.digest(sm3 ? "SM3" : "SHA256", file));
            if (!actual.equalsIgnoreCase(announced)) {
                problems.add("meta." + field + " is " + announced + " but the file's " + (sm3 ? "SM3" : "SHA-256")
                        + " is " + actual);
            }
        }
    }
}
