package io.github.wechatpay4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts of WeChat Pay's operations that change what the client does, read from {@code operation-facts.tsv}: a
 * table generated from the corrected spec (wechatpay-codegen's {@code FactsTable}; wechatpay-api's
 * {@code OperationFactsTableTest} keeps it current). Typed and untyped calls look up the same table, by method and
 * raw path: a concrete path ({@code /v3/pay/transactions/out-trade-no/T1/close}) matches its template segment by
 * segment, literal segments before placeholders. Operations that are not in the table answer signed JSON on the API
 * host and need no key. Immutable.
 */
public final class OperationFacts {
    /**
     * One operation's facts.
     *
     * @param method                 the HTTP method
     * @param template               the path template, such as {@code /v3/pay/transactions/out-trade-no/{out_trade_no}/close}
     * @param answer                 how its answer is authenticated
     * @param host                   the base URL that serves it, or {@code null} for the API host
     * @param idempotencyKeyRequired whether the request must carry an {@code Idempotency-Key}
     * @param businessKey            the body field ({@code out_trade_no}) or path placeholder
     *                               ({@code {out_trade_no}}) that makes a repeat the same action, or {@code null}
     * @param upload                 how an upload's meta names its file, or {@code null} for the default
     * @param maxBytes               the largest file by extension, empty when not documented
     */
    public record Facts(
            String method,
            String template,
            Answers.Kind answer,
            String host,
            boolean idempotencyKeyRequired,
            String businessKey,
            Uploads.MetaRule upload,
            Map<String, Long> maxBytes) {}

    /** The facts of the operation a concrete path matched, and the raw values of its placeholders. */
    public record Match(Facts facts, Map<String, String> pathValues) {}

    private static final String RESOURCE = "operation-facts.tsv";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<Facts> ALL = load();
    private static final Node ROOT = index(ALL);

    private OperationFacts() {}

    /** Every operation in the table. */
    public static List<Facts> all() {
        return ALL;
    }

    /** The facts of {@code method rawPath} (raw: percent-encoded, without the query), if the table has it. */
    public static Optional<Match> match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        Node node = locate(ROOT, segments, 0);
        Facts found = node == null ? null : node.byMethod.get(method);
        if (found == null) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> template = segments(found.template());
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                values.put(t.substring(1, t.length() - 1), segments.get(i));
            }
        }
        return Optional.of(new Match(found, Collections.unmodifiableMap(values)));
    }

    /** The host that serves {@code rawPath} whatever the method, or {@code null} for the API host. */
    public static String host(String rawPath) {
        // on every request: one walk of the trie, then the methods of the operation found
        Node node = locate(ROOT, segments(rawPath), 0);
        if (node == null) {
            return null;
        }
        for (String method : METHODS) {
            Facts facts = node.byMethod.get(method);
            if (facts != null && facts.host() != null) {
                return facts.host();
            }
        }
        return null;
    }

    /** Every host an operation is served on other than the API host. */
    public static Set<String> hosts() {
        Set<String> hosts = new TreeSet<>();
        ALL.stream().map(Facts::host).filter(h -> h != null).forEach(hosts::add);
        return Collections.unmodifiableSet(hosts);
    }

    private static final class Node {
        final Map<String, Node> literal = new HashMap<>();
        Node placeholder;
        final Map<String, Facts> byMethod = new HashMap<>();
    }

    /**
     * The operation node {@code segments} name, literal segments before placeholders: a path that names an operation
     * literally ({@code /v3/merchant-service/images/upload}) is that operation for every method, never a value of a
     * sibling placeholder ({@code {media_id}}).
     */
    private static Node locate(Node node, List<String> segments, int i) {
        if (i == segments.size()) {
            return node.byMethod.isEmpty() ? null : node;
        }
        Node next = node.literal.get(segments.get(i));
        if (next != null) {
            Node found = locate(next, segments, i + 1);
            if (found != null) {
                return found;
            }
        }
        if (node.placeholder != null && !segments.get(i).isEmpty()) {
            return locate(node.placeholder, segments, i + 1);
        }
        return null;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int from = path.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                out.add(path.substring(from));
                return out;
            }
            out.add(path.substring(from, slash));
            from = slash + 1;
        }
    }

    private static Node index(List<Facts> all) {
        Node root = new Node();
        for (Facts f : all) {
            Node node = root;
            for (String segment : segments(f.template())) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (node.placeholder == null) {
                        node.placeholder = new Node();
                    }
                    node = node.placeholder;
                } else {
                    node = node.literal.computeIfAbsent(segment, s -> new Node());
                }
            }
            node.byMethod.put(f.method(), f);
        }
        return root;
    }

    private static List<Facts> load() {
        try (InputStream in = OperationFacts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from wechatpay-core");
            }
            List<Facts> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(parse(line));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Facts parse(String line) {
        String[] c = line.split("\t", -1);
        if (c.length != 7) {
            throw new IllegalStateException(RESOURCE + ": not 7 columns: " + line);
        }
        Answers.Kind answer = switch (c[2]) {
            case "signed" -> Answers.Kind.SIGNED;
            case "unsigned" -> Answers.Kind.UNSIGNED_FILE;
            case "statement" -> Answers.Kind.STATEMENT;
            default -> throw new IllegalStateException(RESOURCE + ": unknown answer " + c[2]);
        };
        Map<String, String> upload = new HashMap<>();
        if (!c[6].equals("-")) {
            for (String pair : c[6].split(";", -1)) {
                int eq = pair.indexOf('=');
                upload.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        Map<String, Long> max = new LinkedHashMap<>();
        String limits = upload.getOrDefault("max", "-");
        if (!limits.equals("-")) {
            for (String limit : limits.split(",", -1)) {
                int colon = limit.indexOf(':');
                max.put(limit.substring(0, colon), Long.parseLong(limit.substring(colon + 1)));
            }
        }
        Uploads.MetaRule meta = upload.isEmpty()
                ? null
                : new Uploads.MetaRule(
                        upload.get("part"),
                        orNull(upload.get("filename")),
                        upload.get("digest"),
                        upload.get("hash"),
                        "upper".equals(upload.get("case")),
                        orNull(upload.get("algorithm-field")),
                        orNull(upload.get("algorithm")));
        return new Facts(
                c[0],
                c[1],
                answer,
                orNull(c[3]),
                c[4].equals("required"),
                orNull(c[5]),
                meta,
                Collections.unmodifiableMap(max));
    }

    private static String orNull(String s) {
        return s == null || s.equals("-") ? null : s;
    }
}
