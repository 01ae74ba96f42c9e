package io.github.wechatpay4j.it;

import io.github.wechatpay4j.json.JsonName;
import io.github.wechatpay4j.json.OpenEnum;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, item 1: the typed API's records against an outside reference. For every operation the official
 * {@code wechatpay-java} SDK (0.2.17, test scope) also types, our request and answer records must carry every field
 * its model classes carry (by wire name, with the same nesting and list-ness and a compatible type). Which model
 * classes the official SDK uses for which operation is the committed extract {@code reference/official-models.tsv}
 * (with its provenance and the script that made it); the fields are read from those classes by reflection.
 */
class OfficialModelsCrossCheckTest {

    /**
     * A field the reference has that ours lacks or shapes differently.
     *
     * @param official the official field's type, for the suggested correction (or {@code null})
     */
    record Gap(String operation, String where, String problem, Type official) {
        Gap(String operation, String where, String problem) {
            this(operation, where, problem, null);
        }

        @Override
        public String toString() {
            return operation + " " + where + ": " + problem;
        }
    }

    private record Row(String method, String path, String request, String response) {
        String key() {
            return method + " " + path;
        }
    }

    @Test
    void everyFieldOfTheOfficialModelsIsInOurRecords() throws Exception {
        Map<String, Class<?>> nodes = typedNodes();
        List<Row> rows = rows();
        List<Gap> gaps = new ArrayList<>();
        int compared = 0;
        int fields = 0;
        for (Row row : rows) {
            Class<?> node = nodes.get(row.key());
            if (node == null) {
                gaps.add(new Gap(row.key(), "", "not a typed operation here"));
                continue;
            }
            compared++;
            String verb = Character.toUpperCase(row.method().charAt(0))
                    + row.method().substring(1).toLowerCase(Locale.ROOT);
            // our records: VerbQuery + VerbRequest (body) when both; otherwise VerbRequest is the body when the
            // official request model has body fields, the query when it has none
            Class<?> query = nested(node, verb + "Query");
            Class<?> body = nested(node, verb + "Request");
            boolean officialBody = !row.request().equals("-")
                    && wireFields(Class.forName(row.request())).stream().anyMatch(f -> !isPathOrQuery(f));
            if (query == null && !officialBody) {
                query = body;
                body = null;
            }
            Set<String> pathAndQuery = new HashSet<>(placeholders(row.path()));
            if (query != null && query.isRecord()) {
                for (RecordComponent c : query.getRecordComponents()) {
                    pathAndQuery.add(wire(c));
                }
            }
            if (!row.request().equals("-")) {
                Class<?> official = Class.forName(row.request());
                List<Field> notSent = new ArrayList<>();
                List<Field> sent = new ArrayList<>();
                for (Field f : wireFields(official)) {
                    (isPathOrQuery(f) ? notSent : sent).add(f);
                }
                for (Field f : notSent) {
                    fields++;
                    if (!pathAndQuery.contains(wireName(f))) {
                        gaps.add(new Gap(row.key(), "request " + wireName(f), "missing (path or query)"));
                    }
                }
                if (!sent.isEmpty()) {
                    fields += compare(row.key(), "request", sent, body, gaps, new HashSet<>());
                }
            }
            if (!row.response().equals("-")) {
                Class<?> official = Class.forName(row.response());
                Class<?> ours = answerType(node, row.method());
                fields += compare(row.key(), "answer", wireFields(official), ours, gaps, new HashSet<>());
            }
        }
        System.out.println("[cross-check] " + compared + " of " + rows.size() + " operations the official SDK types,"
                + " " + fields + " fields compared, " + gaps.size() + " gaps");
        gaps.forEach(g -> System.out.println("[cross-check] " + g));
        if (!gaps.isEmpty()) {
            System.out.println("[cross-check] suggested corrections:\n" + suggestions(gaps, rows));
        }
        assertTrue(rows.size() >= 130, "the reference extract lists only " + rows.size() + " operations");
        assertEquals(rows.size(), compared, "every operation the official SDK types is typed here");
        assertEquals(
                List.of(),
                gaps,
                gaps.size() + " fields of the official models are missing or shaped" + " differently in our records");
    }

    /**
     * Answer members neither official SDK models but WeChat Pay's own pages list in the answer, kept: dropping a field
     * WeChat Pay sends would lose data, a member it never sends only costs a null. The order queries'
     * {@code scene_info.device_id} is documented in the query answer and in the payment notification.
     */
    private static final Set<String> KEPT_ANSWER_FIELDS = Set.of(
            "GET /v3/pay/transactions/id/{transaction_id} scene_info",
            "GET /v3/pay/transactions/out-trade-no/{out_trade_no} scene_info",
            "GET /v3/pay/partner/transactions/id/{transaction_id} scene_info",
            "GET /v3/pay/partner/transactions/out-trade-no/{out_trade_no} scene_info");

    /**
     * Request records carry no answer-only fields: a component of our request body that the official request model
     * lacks but the official answer model of the same operation has (an order's {@code transaction_id}, say) is a
     * field WeChat Pay would reject or ignore.
     */
    @Test
    void requestRecordsCarryNoAnswerOnlyFields() throws Exception {
        Map<String, Class<?>> nodes = typedNodes();
        List<String> extra = new ArrayList<>();
        for (Row row : rows()) {
            Class<?> node = nodes.get(row.key());
            if (node == null || row.request().equals("-") || row.response().equals("-")) {
                continue;
            }
            Class<?> official = Class.forName(row.request());
            Set<String> sent = new HashSet<>();
            wireFields(official).forEach(f -> sent.add(wireName(f)));
            if (wireFields(official).stream().allMatch(OfficialModelsCrossCheckTest::isPathOrQuery)) {
                continue; // no body
            }
            String verb = Character.toUpperCase(row.method().charAt(0))
                    + row.method().substring(1).toLowerCase(Locale.ROOT);
            Class<?> body = nested(node, verb + "Request");
            if (body == null || !body.isRecord()) {
                continue;
            }
            Set<String> answered = new HashSet<>();
            allWireNames(Class.forName(row.response()), answered, new HashSet<>());
            for (RecordComponent c : body.getRecordComponents()) {
                if (!sent.contains(wire(c)) && answered.contains(wire(c))) {
                    extra.add(row.key() + " request." + wire(c));
                }
            }
        }
        extra.forEach(e -> System.out.println("[answer-only] " + e));
        assertEquals(List.of(), extra, extra.size() + " request fields are answer-only fields");
    }

    /** Every wire name anywhere in an official model, nested models included. */
    private static void allWireNames(Class<?> model, Set<String> into, Set<Class<?>> seen) {
        if (!seen.add(model)) {
            return;
        }
        for (Field f : wireFields(model)) {
            into.add(wireName(f));
            Type t = f.getGenericType();
            Class<?> c = Collection.class.isAssignableFrom(raw(t)) ? raw(element(t)) : raw(t);
            if (isModel(c)) {
                allWireNames(c, into, seen);
            }
        }
    }

    /**
     * Answer records carry no request-only fields: a component of our top-level answer record that the official
     * answer model lacks, but that an official request model of the same service sends (the order's
     * {@code notify_url} in an order query, say), is a field WeChat Pay never answers and would always be null.
     */
    @Test
    void answerRecordsCarryNoRequestOnlyFields() throws Exception {
        Map<String, Class<?>> nodes = typedNodes();
        List<Row> rows = rows();
        Map<String, Set<String>> requestFieldsByService = new HashMap<>();
        for (Row row : rows) {
            if (!row.request().equals("-")) {
                Class<?> official = Class.forName(row.request());
                Set<String> names =
                        requestFieldsByService.computeIfAbsent(official.getPackageName(), k -> new HashSet<>());
                wireFields(official).stream().filter(f -> !isPathOrQuery(f)).forEach(f -> names.add(wireName(f)));
            }
        }
        List<String> extra = new ArrayList<>();
        for (Row row : rows) {
            Class<?> node = nodes.get(row.key());
            if (row.response().equals("-") || node == null) {
                continue;
            }
            Class<?> ours = answerType(node, row.method());
            Class<?> official = Class.forName(row.response());
            if (ours == null || !ours.isRecord()) {
                continue;
            }
            Set<String> answered = new HashSet<>();
            allWireNames(official, answered, new HashSet<>());
            Set<String> requestOnly = requestFieldsByService.getOrDefault(
                    Class.forName(row.request().equals("-") ? row.response() : row.request())
                            .getPackageName(),
                    Set.of());
            for (RecordComponent c : ours.getRecordComponents()) {
                if (!answered.contains(wire(c))
                        && requestOnly.contains(wire(c))
                        && !KEPT_ANSWER_FIELDS.contains(row.key() + " " + wire(c))) {
                    extra.add(row.key() + " answer." + wire(c));
                }
            }
        }
        extra.forEach(e -> System.out.println("[request-only] " + e));
        assertEquals(List.of(), extra, extra.size() + " answer fields are request-only fields");
    }

    /** Compares official fields with our record's components, recursively; returns how many fields were compared. */
    private int compare(
            String op, String where, List<Field> officialFields, Class<?> ours, List<Gap> gaps, Set<Class<?>> seen) {
        if (ours == null) {
            for (Field f : officialFields) {
                gaps.add(new Gap(op, where + "." + wireName(f), "missing (our side has no record here)"));
            }
            return officialFields.size();
        }
        if (Map.class.isAssignableFrom(ours) || ours == Object.class) {
            return officialFields.size(); // free-form on our side: holds anything
        }
        Map<String, RecordComponent> components = new HashMap<>();
        if (ours.isRecord()) {
            for (RecordComponent c : ours.getRecordComponents()) {
                components.put(wire(c), c);
            }
        }
        int count = 0;
        for (Field f : officialFields) {
            count++;
            String name = where + "." + wireName(f);
            RecordComponent c = components.get(wireName(f));
            if (c == null) {
                gaps.add(new Gap(op, name, "missing", f.getGenericType()));
                continue;
            }
            count += compareTypes(op, name, f.getGenericType(), c.getGenericType(), gaps, seen);
        }
        return count;
    }

    private int compareTypes(String op, String where, Type official, Type ours, List<Gap> gaps, Set<Class<?>> seen) {
        Class<?> o = raw(official);
        Class<?> u = raw(ours);
        if (Collection.class.isAssignableFrom(o)) {
            if (!Collection.class.isAssignableFrom(u)) {
                gaps.add(new Gap(op, where, "a list in the official model, " + u.getSimpleName() + " here"));
                return 0;
            }
            return compareTypes(op, where + "[]", element(official), element(ours), gaps, seen);
        }
        if (Collection.class.isAssignableFrom(u)) {
            gaps.add(new Gap(op, where, "a list here, " + o.getSimpleName() + " in the official model"));
            return 0;
        }
        if (isModel(o)) {
            if (Map.class.isAssignableFrom(u) || u == Object.class) {
                return 0;
            }
            if (!u.isRecord() || OpenEnum.class.isAssignableFrom(u)) {
                gaps.add(new Gap(
                        op, where, "an object in the official model, " + u.getSimpleName() + " here", official));
                return 0;
            }
            if (!seen.add(o)) {
                return 0; // recursive models
            }
            int n = compare(op, where, wireFields(o), u, gaps, seen);
            seen.remove(o);
            return n;
        }
        if (!compatible(o, u)) {
            gaps.add(new Gap(
                    op, where, o.getSimpleName() + " in the official model, " + u.getSimpleName() + " here", official));
        }
        return 0;
    }

    /**
     * The corrections that would close the gaps, as {@code corrections.json} entries with the official model file as
     * their source: a starting point for review, never applied by this test.
     */
    private static String suggestions(List<Gap> gaps, List<Row> rows) {
        Map<String, Map<String, Map<String, Object>>> byOperation = new java.util.TreeMap<>();
        for (Gap g : gaps) {
            if (g.official() == null) {
                continue;
            }
            String target = g.where().startsWith("answer.") ? "response" : "body";
            String path = g.where().substring(g.where().indexOf('.') + 1);
            byOperation
                    .computeIfAbsent(g.operation(), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(target, k -> new java.util.LinkedHashMap<>())
                    .put(path, schema(g.official(), new HashSet<>()));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        byOperation.forEach((op, add) -> {
            Row row = rows.stream().filter(r -> r.key().equals(op)).findFirst().orElseThrow();
            Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("operation", op);
            e.put("add", add);
            List<String> files = new ArrayList<>();
            if (add.containsKey("body")) {
                files.add(row.request());
            }
            if (add.containsKey("response")) {
                files.add(row.response());
            }
            e.put(
                    "source",
                    "wechatpay-java v0.2.17 service/src/main/java/"
                            + String.join(
                                    " and ",
                                    files.stream()
                                            .map(f -> f.replace('.', '/') + ".java")
                                            .toList()) + " (and the models they nest)");
            e.put("why", "the imported spec lacks or mistypes these fields; the official SDK's model has them");
            entries.add(e);
        });
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(entries);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The spec schema of an official field type. */
    private static Map<String, Object> schema(Type type, Set<Class<?>> seen) {
        Class<?> c = raw(type);
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        if (Collection.class.isAssignableFrom(c)) {
            s.put("type", "array");
            s.put("items", schema(element(type), seen));
        } else if (c == String.class) {
            s.put("type", "string");
        } else if (c.isEnum()) {
            s.put("type", "string");
            List<String> values = new ArrayList<>();
            for (Field f : c.getFields()) {
                com.google.gson.annotations.SerializedName n =
                        f.getAnnotation(com.google.gson.annotations.SerializedName.class);
                if (f.isEnumConstant()) {
                    values.add(n != null ? n.value() : f.getName());
                }
            }
            s.put("enumValues", values);
        } else if (c == Integer.class || c == Long.class || c == int.class || c == long.class) {
            s.put("type", "integer");
        } else if (Number.class.isAssignableFrom(c)) {
            s.put("type", "number");
        } else if (c == Boolean.class || c == boolean.class) {
            s.put("type", "boolean");
        } else if (isModel(c) && seen.add(c)) {
            s.put("type", "object");
            Map<String, Object> properties = new java.util.LinkedHashMap<>();
            for (Field f : wireFields(c)) {
                properties.put(wireName(f), schema(f.getGenericType(), seen));
            }
            s.put("properties", properties);
            seen.remove(c);
        } else {
            s.put("type", "object");
        }
        return s;
    }

    private static boolean compatible(Class<?> official, Class<?> ours) {
        if (ours == Object.class || Map.class.isAssignableFrom(ours)) {
            return true;
        }
        if (official == String.class || official.isEnum()) {
            return ours == String.class
                    || OpenEnum.class.isAssignableFrom(ours)
                    || ours == OffsetDateTime.class
                    || ours == java.time.LocalDate.class
                    || ours.isEnum();
        }
        if (Number.class.isAssignableFrom(official) || official.isPrimitive() && official != boolean.class) {
            return Number.class.isAssignableFrom(ours) || ours == BigDecimal.class;
        }
        if (official == Boolean.class || official == boolean.class) {
            return ours == Boolean.class;
        }
        return official == Object.class;
    }

    private static boolean isModel(Class<?> c) {
        return c.getName().startsWith("com.wechat.pay.java.") && !c.isEnum();
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type element(Type list) {
        return list instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    /** The official model's serialized fields (Gson {@code @SerializedName}), in declaration order. */
    private static List<Field> wireFields(Class<?> model) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())
                        && f.isAnnotationPresent(com.google.gson.annotations.SerializedName.class)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static String wireName(Field f) {
        return f.getAnnotation(com.google.gson.annotations.SerializedName.class).value();
    }

    /** A path or query parameter in the official request model: never serialized into the body. */
    private static boolean isPathOrQuery(Field f) {
        com.google.gson.annotations.Expose e = f.getAnnotation(com.google.gson.annotations.Expose.class);
        return e != null && !e.serialize();
    }

    /** Our component's wire name: its {@link JsonName}, or its name in snake_case. */
    static String wire(RecordComponent c) {
        JsonName name = c.getAccessor().getAnnotation(JsonName.class);
        if (name == null) {
            name = c.getAnnotation(JsonName.class);
        }
        if (name != null) {
            return name.value();
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : c.getName().toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static List<String> placeholders(String path) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The record the operation's typed method returns: its own {@code VerbResponse}, or a shared model. */
    private static Class<?> answerType(Class<?> node, String method) {
        String verb = method.toLowerCase(Locale.ROOT);
        for (java.lang.reflect.Method m : node.getMethods()) {
            if (m.getName().equals(verb) && m.getReturnType().isRecord()) {
                return m.getReturnType();
            }
        }
        return null;
    }

    private static Class<?> nested(Class<?> node, String simpleName) {
        for (Class<?> c : node.getDeclaredClasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Every typed operation's node class, by {@code METHOD /path}, found from the {@code *_PATH} constants in the
     * aggregate's and every family's jar.
     */
    private static Map<String, Class<?>> typedNodes() throws Exception {
        Map<String, Class<?>> out = new HashMap<>();
        for (Path root : TypedApiArtifacts.locations()) {
            FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root);
            try {
                Path base = jar == null ? root : jar.getPath("/");
                List<String> names = new ArrayList<>();
                try (Stream<Path> files = Files.walk(base)) {
                    files.map(p -> base.relativize(p).toString())
                            .filter(n -> n.startsWith("io/github/wechatpay4j/api/")
                                    && n.endsWith(".class")
                                    && !n.contains("$"))
                            .forEach(names::add);
                }
                for (String n : names) {
                    Class<?> c = Class.forName(
                            n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                    for (Field f : c.getFields()) {
                        if (Modifier.isStatic(f.getModifiers())
                                && f.getName().endsWith("_PATH")
                                && f.getType() == String.class) {
                            String verb = f.getName().substring(0, f.getName().length() - "_PATH".length());
                            out.put(verb + " /" + f.get(null), c);
                        }
                    }
                }
            } finally {
                if (jar != null) {
                    jar.close();
                }
            }
        }
        return out;
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = OfficialModelsCrossCheckTest.class.getResourceAsStream("/reference/official-models.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                Row row = new Row(c[0], c[1], c[2], c[3]);
                if (rows.stream().noneMatch(seen -> seen.key().equals(row.key()))) {
                    rows.add(row); // the payment kinds share their queries: the first model is the one compared
                }
            }
        }
        return rows;
    }
}
