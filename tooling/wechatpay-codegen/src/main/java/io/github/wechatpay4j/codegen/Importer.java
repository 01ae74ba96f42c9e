package io.github.wechatpay4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Swagger 2.0 tree of <a href="https://github.com/TheNorthMemory/wechatpay-openapi">wechatpay-openapi</a>
 * (its {@code docs/} folder: {@code swagger.yaml} and the operation files it references) and writes the compact spec.
 * It keeps facts (paths, methods, parameters, types, formats, required flags, enums, examples, flags) and each
 * operation's official name and documentation link; it drops the prose descriptions.
 *
 * <pre>
 * mvn -pl :wechatpay-codegen -q exec:java -Dexec.mainClass=io.github.wechatpay4j.codegen.Importer \
 *     -Dexec.args="../shared/wechatpay-openapi wechatpay-api/src/main/spec/operations.json"
 * </pre>
 */
public final class Importer {
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final Set<String> TYPES =
            Set.of("string", "integer", "number", "boolean", "object", "array", "file");
    private static final Pattern DOC_LINK = Pattern.compile("\\((https?://pay\\.weixin\\.qq\\.com/[^)\\s]+)\\)");
    private static final int MAX_DEPTH = 24;

    private final Path docs;
    private final ObjectMapper yaml = new YAMLMapper();
    private final Map<Path, JsonNode> files = new HashMap<>();

    public Importer(Path docs) {
        this.docs = docs;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println(
                    "usage: Importer <wechatpay-openapi folder (holding docs/, LICENSE, SOURCE.txt)> <out.json>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Spec spec = new Importer(root.resolve("docs")).read(source(root));
        spec.write(Path.of(args[1]));
        Map<String, Integer> counts = new LinkedHashMap<>();
        spec.operations().forEach(o -> counts.merge(o.api(), 1, Integer::sum));
        System.out.println("wrote " + spec.operations().size() + " operations " + counts + " to " + args[1]);
    }

    /** The source record: the commit from {@code SOURCE.txt}, the copyright line from {@code LICENSE}. */
    static Spec.Source source(Path root) {
        String commit = null;
        String copyright = null;
        try {
            Path s = root.resolve("SOURCE.txt");
            if (Files.exists(s)) {
                commit = Files.readAllLines(s, StandardCharsets.UTF_8).get(0).split("\\s+")[0];
            }
            Path l = root.resolve("LICENSE");
            if (Files.exists(l)) {
                copyright = Files.readAllLines(l, StandardCharsets.UTF_8).stream()
                        .filter(x -> x.startsWith("Copyright"))
                        .findFirst()
                        .orElse(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Spec.Source(
                "wechatpay-openapi", "https://github.com/TheNorthMemory/wechatpay-openapi", commit, "MIT", copyright);
    }

    /** Reads every operation listed in {@code swagger.yaml}. */
    public Spec read(Spec.Source source) {
        Path index = docs.resolve("swagger.yaml");
        JsonNode paths = load(index).path("paths");
        List<Spec.Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Ref item = deref(new Ref(index, e.getValue()));
            for (String m : METHODS) {
                JsonNode op = item.node.get(m);
                if (op != null && op.isObject()) {
                    out.add(operation(e.getKey(), m, new Ref(item.file, op)));
                }
            }
        }
        return new Spec(source, out);
    }

    /** One operation from its file. */
    Spec.Operation operation(String path, String method, Ref op) {
        JsonNode n = op.node;
        String first = path.split("/")[1];
        String api = switch (first) {
            case "v3", "hk", "global" -> first;
            default -> "v2";
        };
        String summary = text(n, "summary");
        String doc = null;
        String description = text(n, "description");
        if (description != null) {
            Matcher m = DOC_LINK.matcher(description);
            if (m.find()) {
                doc = m.group(1);
            }
        }
        String host = text(n, "x-base-uri") != null ? text(n, "x-base-uri") : text(n, "x-baseuri");
        String consumes = mediaKind(n.path("consumes"), "json");
        String produces = mediaKind(n.path("produces"), "json");
        boolean certificate = n.path("x-api-cert-required").asBoolean(false);
        boolean deprecated = n.path("deprecated").asBoolean(false);
        boolean serial = false;
        boolean idempotency = false;
        List<Spec.Parameter> params = new ArrayList<>();
        Spec.Schema body = null;
        for (JsonNode raw : n.path("parameters")) {
            Ref p = deref(new Ref(op.file, raw));
            String in = text(p.node, "in");
            String name = text(p.node, "name");
            if (in == null || name == null) {
                continue;
            }
            boolean required = p.node.path("required").asBoolean(false);
            switch (in) {
                case "body" -> body = p.node.has("schema") ? schema(new Ref(p.file, p.node.get("schema")), 0) : null;
                case "header" -> {
                    if (name.equalsIgnoreCase("Wechatpay-Serial")) {
                        serial = true;
                    } else if (name.equalsIgnoreCase("Idempotency-Key")) {
                        idempotency = true;
                    } else if (!name.toLowerCase(Locale.ROOT).startsWith("wechatpay-")
                            && !name.equalsIgnoreCase("Request-ID")) {
                        params.add(new Spec.Parameter(name, "header", required, schema(p, 0)));
                    }
                }
                case "formData" -> params.add(new Spec.Parameter(name, "form", required, formSchema(p)));
                case "path", "query" ->
                    params.add(new Spec.Parameter(name, in, in.equals("path") || required, schema(p, 0)));
                default -> {}
            }
        }
        if (!serial) {
            serial = (body != null && hasEncrypted(body))
                    || params.stream()
                            .anyMatch(p -> p.in().equals("query")
                                    && p.schema() != null
                                    && p.schema().encrypted());
        }
        int status = 0;
        Spec.Schema response = null;
        JsonNode responses = n.path("responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            int code = parseStatus(r.getKey());
            if (code >= 200 && code < 400 && (status == 0 || code < status)) {
                status = code;
                Ref rr = deref(new Ref(op.file, r.getValue()));
                response = rr.node.has("schema") ? schema(new Ref(rr.file, rr.node.get("schema")), 0) : null;
                if (response != null && response.type().equals("any") && response.example() == null) {
                    response = null; // "schema: {}": no body
                }
            }
        }
        boolean unsigned = produces.equals("download") || status == 302;
        return new Spec.Operation(
                api,
                method.toUpperCase(Locale.ROOT),
                path,
                summary,
                doc,
                host,
                deprecated,
                consumes,
                produces,
                unsigned,
                certificate,
                serial,
                idempotency,
                null,
                null,
                params,
                body,
                status == 0 ? 200 : status,
                response);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String mediaKind(JsonNode list, String otherwise) {
        String kind = otherwise;
        for (JsonNode t : list) {
            String s = t.asText().toLowerCase(Locale.ROOT);
            if (s.contains("multipart")) {
                return "multipart";
            }
            if (s.contains("xml")) {
                return "xml";
            }
            if (!s.contains("json")) {
                kind = "download";
            } else {
                return "json";
            }
        }
        return kind;
    }

    private static boolean hasEncrypted(Spec.Schema s) {
        if (s.encrypted()) {
            return true;
        }
        if (s.items() != null && hasEncrypted(s.items())) {
            return true;
        }
        return s.properties().values().stream().anyMatch(Importer::hasEncrypted);
    }

    /** A form field: a file, or a string (the JSON {@code meta} of an upload). */
    /**
     * A form field: a file, a scalar, or the {@code meta} JSON text whose object schema the source gives (kept, with
     * the format {@code jsonObjectLike}, so that uploads can be typed and checked).
     */
    private Spec.Schema formSchema(Ref p) {
        String declared = text(p.node, "type");
        String format = text(p.node, "format");
        if (p.node.has("schema") && "jsonObjectLike".equals(format)) {
            Spec.Schema s = schema(new Ref(p.file, p.node.get("schema")), 0);
            if (s.isObject()) {
                return new Spec.Schema(
                        "object", format, null, s.required(), s.properties(), null, null, false, null, null);
            }
        }
        String type = "file".equals(declared) ? "file" : TYPES.contains(declared) ? declared : "string";
        return new Spec.Schema(
                type,
                format,
                null,
                null,
                null,
                null,
                text(p.node, "example") == null
                        ? null
                        : p.node.get("example").isNumber()
                                ? p.node.get("example").numberValue()
                                : text(p.node, "example"),
                false,
                null,
                null);
    }

    /** A schema, with {@code $ref}, {@code allOf} and {@code oneOf} resolved into one object. */
    Spec.Schema schema(Ref ref, int depth) {
        Ref r = deref(ref);
        JsonNode n = r.node;
        if (n == null || !n.isObject() || depth > MAX_DEPTH) {
            return new Spec.Schema("any", null, null, null, null, null, null, false, null, null);
        }
        Map<String, Spec.Schema> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        boolean merged = false;
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : n.path(combinator)) {
                Spec.Schema s = schema(new Ref(r.file, part), depth + 1);
                properties.putAll(s.properties());
                if (combinator.equals("allOf")) {
                    required.addAll(s.required());
                }
                merged = true;
            }
        }
        JsonNode props = n.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Ref child = deref(new Ref(r.file, e.getValue()));
            properties.put(e.getKey(), schema(child, depth + 1));
            if (child.node != null
                    && child.node.path("required").isBoolean()
                    && child.node.path("required").asBoolean()) {
                required.add(e.getKey()); // a per-property "required: true"
            }
        }
        for (String key : List.of("required", "require")) {
            for (JsonNode q : n.path(key)) {
                if (q.isTextual() && properties.containsKey(q.asText())) {
                    required.add(q.asText());
                }
            }
        }
        String type = text(n, "type");
        type = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        if (type == null || !TYPES.contains(type)) {
            if (!properties.isEmpty() || merged) {
                type = "object";
            } else if (n.has("items")) {
                type = "array";
            } else if (type != null && (type.equals("int"))) {
                type = "integer";
            } else if (type != null || n.has("enum")) {
                type = "string";
            } else {
                type = "any";
            }
        }
        String format = text(n, "format");
        List<String> enums = new ArrayList<>();
        if (type.equals("string")) {
            for (JsonNode v : n.path("enum")) {
                if (v.isValueNode() && !v.isNull() && !enums.contains(v.asText())) {
                    enums.add(v.asText());
                }
            }
        }
        Spec.Schema items = null;
        if (type.equals("array")) {
            items = n.has("items")
                    ? schema(new Ref(r.file, n.get("items")), depth + 1)
                    : new Spec.Schema("any", null, null, null, null, null, null, false, null, null);
        }
        Object example = n.has("example") ? plain(n.get("example")) : null;
        boolean encrypted =
                "base64".equalsIgnoreCase(format) || n.path("x-is-sensitive").asBoolean(false);
        Integer maxLength =
                n.path("maxLength").canConvertToInt() ? n.path("maxLength").asInt() : null;
        String pattern = text(n, "pattern");
        if (!type.equals("object")) {
            properties.clear();
            required.clear();
        }
        return new Spec.Schema(
                type,
                format,
                enums,
                new ArrayList<>(required),
                properties,
                items,
                example,
                encrypted,
                maxLength,
                pattern);
    }

    private Object plain(JsonNode n) {
        return yaml.convertValue(n, Object.class);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** A node and the file it came from (for relative references). */
    record Ref(Path file, JsonNode node) {}

    /** Follows {@code $ref}s: {@code ./v3/x.yaml}, {@code ../definitions/A.yaml#Name}, {@code #/Name}. */
    Ref deref(Ref ref) {
        Ref r = ref;
        for (int i = 0; i < 16 && r.node != null && r.node.isObject() && r.node.has("$ref"); i++) {
            String target = r.node.get("$ref").asText();
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String fragment = hash < 0 ? "" : target.substring(hash + 1);
            Path f = file.isEmpty() ? r.file : r.file.getParent().resolve(file).normalize();
            JsonNode n = load(f);
            for (String part : fragment.split("/")) {
                if (!part.isEmpty()) {
                    n = n == null ? null : n.get(part.replace("~1", "/").replace("~0", "~"));
                }
            }
            r = new Ref(f, n);
        }
        return r;
    }

    private JsonNode load(Path file) {
        return files.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                return yaml.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        });
    }
}
