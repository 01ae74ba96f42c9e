package io.github.wechatpay4j.codegen;

import io.github.wechatpay4j.codegen.Model.Component;
import io.github.wechatpay4j.codegen.Model.Decl;
import io.github.wechatpay4j.codegen.Model.JType;
import io.github.wechatpay4j.codegen.Model.Kind;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the compact spec into the typed API of {@code wechatpay-api}: one class per path node (the chain
 * {@code api.v3().marketing().partnerships().build()}), with the node's operations as methods ({@code post(request)},
 * {@code postAsync(request)}) and their request and response records nested in it; the root {@code WechatPayApi};
 * the module descriptor; and one contract test per typed operation.
 *
 * <pre>java io.github.wechatpay4j.codegen.Generator spec.json target/generated-sources target/generated-test-sources</pre>
 */
public final class Generator {
    static final String BASE = "io.github.wechatpay4j.api";
    static final String OPTIONS = "io.github.wechatpay4j.Options";
    static final String ROUTE = BASE + ".internal.Route";
    static final String REQUIRED = BASE + ".internal.Required";
    static final String FUTURE = "java.util.concurrent.CompletableFuture";
    static final String API_RESPONSE = "io.github.wechatpay4j.ApiResponse";
    static final String DOWNLOAD = "io.github.wechatpay4j.Download";
    static final String FIXED_TIME = "2026-11-23T10:15:30+08:00";

    private final Spec spec;
    private final Node root = new Node(null, "", false);
    private final List<Spec.Operation> typed = new ArrayList<>();
    private final Map<String, String> untyped = new TreeMap<>();
    private final Map<Spec.Operation, OpInfo> infos = new LinkedHashMap<>();
    /** Operation key → shared model name, and each shared model's merged schema and declaration. */
    private final Map<String, String> sharedAnswers;
    private final Map<String, Spec.Schema> modelSchemas = new LinkedHashMap<>();
    private final Map<String, Decl> modelDecls = new LinkedHashMap<>();
    private final Map<String, List<String>> modelOperations = new LinkedHashMap<>();
    private final Families families;
    /** Each family's root nodes (its prefixes), in the file's order. */
    private final Map<Families.Family, List<Node>> roots = new LinkedHashMap<>();

    public Generator(Spec spec) {
        this(spec, Models.none());
    }

    public Generator(Spec spec, Models models) {
        this(spec, models, Families.none());
    }

    /**
     * With families, each family's prefix nodes (its roots) take their class into their own package
     * ({@code api.v3.pay.Pay}), so that every package below the entry points belongs to exactly one artifact.
     */
    public Generator(Spec spec, Models models, Families families) {
        this.spec = spec;
        this.families = families;
        this.sharedAnswers = models.byOperation();
        Map<String, Spec.Operation> byKey = new LinkedHashMap<>();
        spec.operations().forEach(op -> byKey.put(op.key(), op));
        sharedAnswers.forEach((key, model) -> {
            Spec.Operation op = byKey.get(key);
            if (op == null || op.response() == null || !op.response().isObject()) {
                throw new IllegalStateException("the shared model " + model + " names " + key + ", which has no"
                        + " object answer in the spec");
            }
            modelSchemas.merge(model, op.response(), Models::union);
            modelOperations.computeIfAbsent(model, k -> new ArrayList<>()).add(key);
        });
        for (Spec.Operation op : spec.operations()) {
            String why = whyUntyped(op);
            if (why != null) {
                untyped.put(op.key(), why);
            } else {
                typed.add(op);
                insert(op);
            }
        }
        root.pkg = BASE;
        root.cls = "WechatPayApi";
        root.childPkg = BASE;
        claim();
        name(root);
    }

    /** Marks each family's roots and checks that every typed path has exactly one owner. */
    private void claim() {
        if (families.families().isEmpty()) {
            return;
        }
        for (Spec.Operation op : typed) {
            if (families.owner(op.path()).isEmpty()) {
                throw new IllegalStateException("no family in families.json claims " + op.key() + ": add its prefix"
                        + " to the family it belongs to");
            }
        }
        for (Families.Family f : families.families()) {
            for (String prefix : f.prefixes()) {
                Node n = root;
                for (String s : prefix.substring(1).split("/")) {
                    n = n == null ? null : n.children.get(s);
                }
                if (n == null) {
                    throw new IllegalStateException("the family " + f.name() + " claims " + prefix + ", under which"
                            + " the spec has no typed operation: take the prefix out");
                }
                n.family = f;
                roots.computeIfAbsent(f, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /**
     * {@code Generator <spec dir> <part> <main sources dir> [<test sources dir>]}: the spec directory holds
     * {@code operations.json}, {@code corrections.json}, {@code models.json} and {@code families.json}; the part is
     * {@code base}, {@code all} (the aggregate, and the contract tests when a test directory is given) or a family.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: Generator <spec dir> <base|all|family> <main sources dir> [test sources dir]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Spec spec = Corrections.read(dir.resolve("corrections.json")).apply(Spec.read(dir.resolve("operations.json")));
        Generator g = new Generator(spec, Models.read(dir.resolve("models.json")),
                Families.read(dir.resolve("families.json")));
        int main = write(Path.of(args[2]), g.partSources(args[1]));
        int test = args.length == 4 ? write(Path.of(args[3]), g.testSources()) : 0;
        System.out.println("[wechatpay-codegen] " + args[1] + ": " + main + " main and " + test + " test sources ("
                + g.typedOperations().size() + " typed operations in the spec " + g.counts() + ", "
                + g.untypedOperations().size() + " not typed)");
    }

    private static int write(Path dir, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (!Files.exists(p) || !java.util.Arrays.equals(Files.readAllBytes(p), bytes)) {
                Files.write(p, bytes); // unchanged files keep their time stamps: incremental compiles stay cheap
            }
        }
        return files.size();
    }

    /** The operations that became typed methods. */
    public List<Spec.Operation> typedOperations() {
        return typed;
    }

    /** The operations left to {@code chain(...)}, with the reason. */
    public Map<String, String> untypedOperations() {
        return untyped;
    }

    /** Typed operations by API family ({@code v3}, {@code hk}, {@code global}). */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new TreeMap<>();
        typed.forEach(o -> c.merge(o.api(), 1, Integer::sum));
        return c;
    }

    static String whyUntyped(Spec.Operation op) {
        if (op.api().equals("v2")) {
            return "APIv2 (XML, MD5/HMAC-SHA256 signatures): waits for the APIv2 issue";
        }
        if (op.consumes().equals("xml") || op.produces().equals("xml")) {
            return "XML body";
        }
        return null;
    }

    /**
     * The meta members the client computes from the file (core's {@code Uploads.MetaRule}: file name, digest, digest
     * algorithm), left out of the generated meta records. The spec-driven fake checks every generated upload's meta
     * against the spec, so a name missing here or there fails the contract tests.
     */
    static final Set<String> COMPUTED_META = Set.of("filename", "file_name", "sha256", "file_digest", "digest",
            "digest_alogrithm", "digest_algorithm");

    // ---------------------------------------------------------------- the path tree

    static final class Node {
        final Node parent;
        final String segment;
        final boolean placeholder;
        String param;
        final Map<String, Node> children = new LinkedHashMap<>();
        final List<Spec.Operation> ops = new ArrayList<>();
        String pkg;
        String cls;
        String childPkg;
        /** The no-argument accessor on the parent (static segments). */
        String accessor;
        /** Set on a family's root nodes: their class moves into their own package. */
        Families.Family family;
        /** For placeholders: the node holding the accessor that takes the value, and its name. */
        Node valueHolder;
        String valueAccessor;

        Node(Node parent, String segment, boolean placeholder) {
            this.parent = parent;
            this.segment = segment;
            this.placeholder = placeholder;
        }

        String fqn() {
            return pkg + "." + cls;
        }
    }

    private void insert(Spec.Operation op) {
        List<String> segments = new ArrayList<>(List.of(op.path().substring(1).split("/", -1)));
        if (segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // a trailing slash: the operation sits on the parent node
        }
        Node n = root;
        for (String s : segments) {
            boolean ph = s.startsWith("{") && s.endsWith("}");
            Node parent = n;
            n = parent.children.computeIfAbsent(s, k -> new Node(parent, s, ph));
            if (ph && n.param == null) {
                n.param = s.substring(1, s.length() - 1);
            }
        }
        n.ops.add(op);
    }

    private void name(Node n) {
        Set<String> classes = new HashSet<>();
        for (Node c : n.children.values()) {
            String cls = c.placeholder ? "By" + Names.pascal(c.param) : Names.pascal(c.segment);
            String pkgSeg = c.placeholder ? "by_" + Names.packageSegment(c.param) : Names.packageSegment(c.segment);
            String unique = cls;
            for (int i = 2; !classes.add(unique.toLowerCase(Locale.ROOT)) || unique.equals(n.cls); i++) {
                unique = cls + i;
            }
            c.cls = unique;
            c.childPkg = n.childPkg + "." + pkgSeg + (unique.equals(cls) ? "" : unique.substring(cls.length()));
            c.pkg = c.family != null ? c.childPkg : n.childPkg; // no child of c takes c's name (checked above)
        }
        // accessors: static children by name; placeholders on the grandparent when their parent is static
        Set<String> signatures = new HashSet<>();
        for (Spec.Operation op : n.ops) {
            OpInfo info = info(n, op);
            signatures.addAll(info.signatures);
        }
        for (Node c : n.children.values()) {
            if (!c.placeholder) {
                c.accessor = unique(signatures, Names.camel(c.segment), "");
            }
        }
        for (Node c : n.children.values()) {
            long placeholders = c.children.values().stream().filter(g -> g.placeholder).count();
            for (Node g : c.children.values()) {
                if (g.placeholder && !c.placeholder) {
                    g.valueHolder = n;
                    // two placeholders at one position (different names in sibling paths): say which one
                    String name = placeholders > 1 ? Names.camel(c.segment) + "By" + Names.pascal(g.param)
                            : Names.camel(c.segment);
                    g.valueAccessor = unique(signatures, name, "java.lang.String");
                }
            }
            if (c.placeholder && (n.placeholder || n == root)) {
                c.valueHolder = n;
                c.valueAccessor = unique(signatures, Names.camel(c.param), "java.lang.String");
            }
        }
        for (Node c : n.children.values()) {
            name(c);
        }
    }

    private static String unique(Set<String> signatures, String name, String params) {
        String n = name;
        while (!signatures.add(n + "(" + params + ")")) {
            n = n + "_";
        }
        return n;
    }

    // ---------------------------------------------------------------- operations

    /** What an operation becomes in its node class. */
    static final class OpInfo {
        final Spec.Operation op;
        final String verb;           // post
        final String template;       // v3/pay/transactions/id/{transaction_id}
        Decl query;                  // query parameters, if any
        Decl body;                   // the body record, if the body is an object with properties
        JType bodyType;              // the body's Java type (a record, a map)
        boolean upload;
        Decl meta;                   // an upload's own meta members, if any
        Decl form;                   // an upload's extra text fields, if any
        Decl response;
        JType responseType;          // null: ApiResponse
        final List<String> params = new ArrayList<>();     // "Type name"
        final List<String> args = new ArrayList<>();       // "name"
        final Set<String> signatures = new HashSet<>();
        Scope scope;
        boolean noArgForm;

        OpInfo(Spec.Operation op) {
            this.op = op;
            this.verb = op.method().toLowerCase(Locale.ROOT);
            this.template = op.path().substring(1);
        }

        /** The answer is a file: the method returns a {@code Download}, which sends when written. */
        boolean download() {
            return op.produces().equals("download");
        }

        String returnType() {
            return download() ? DOWNLOAD : responseType == null ? API_RESPONSE : responseType.name;
        }
    }

    private OpInfo info(Node node, Spec.Operation op) {
        OpInfo existing = infos.get(op);
        if (existing != null) {
            return existing;
        }
        OpInfo info = new OpInfo(op);
        Scope scope = new Scope(node.cls);
        String prefix = Names.pascal(info.verb);
        List<Spec.Parameter> query = op.parameters().stream().filter(p -> p.in().equals("query")).toList();
        Spec.Schema body = op.body();
        boolean hasBody = body != null && !op.consumes().equals("multipart");
        if (!query.isEmpty()) {
            Map<String, Spec.Schema> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Spec.Parameter p : query) {
                Spec.Schema s = p.schema() == null ? new Spec.Schema("string", null, null, null, null, null, null,
                        false, null, null) : p.schema();
                props.put(p.name(), s);
                if (p.required()) {
                    required.add(p.name());
                }
            }
            String name = prefix + (hasBody ? "Query" : "Request");
            info.query = scope.top(name, new Spec.Schema("object", null, null, required, props, null, null, false,
                    null, null), true);
            info.params.add(name + " " + (hasBody ? "query" : "request"));
            info.args.add(hasBody ? "query" : "request");
        }
        if (hasBody) {
            if (body.isObject() && !body.properties().isEmpty()) {
                info.body = scope.top(prefix + "Request", body, true);
                info.bodyType = new JType(Kind.RECORD, info.body.qualified, null, info.body);
            } else if (body.isObject()) {
                info.bodyType = JType.MAP;
            } else {
                info.bodyType = JType.OBJECT;
            }
            info.params.add(info.bodyType.name + " request");
            info.args.add("request");
        }
        if (op.consumes().equals("multipart")) {
            info.upload = true;
            Map<String, Spec.Schema> metaProps = new LinkedHashMap<>();
            List<String> metaRequired = new ArrayList<>();
            Map<String, Spec.Schema> formProps = new LinkedHashMap<>();
            List<String> formRequired = new ArrayList<>();
            for (Spec.Parameter p : op.parameters()) {
                if (!p.in().equals("form") || p.schema() == null || "file".equals(p.schema().type())) {
                    continue;
                }
                if (p.name().equals("meta")) {
                    p.schema().properties().forEach((k, v) -> {
                        if (!COMPUTED_META.contains(k)) {
                            metaProps.put(k, v);
                        }
                    });
                    p.schema().required().stream().filter(metaProps::containsKey).forEach(metaRequired::add);
                } else {
                    formProps.put(p.name(), p.schema());
                    if (p.required()) {
                        formRequired.add(p.name());
                    }
                }
            }
            if (!metaProps.isEmpty()) {
                info.meta = scope.top(prefix + "Meta", new Spec.Schema("object", null, null, metaRequired, metaProps,
                        null, null, false, null, null), true);
                info.params.add(info.meta.qualified + " meta");
                info.args.add("meta");
            }
            if (!formProps.isEmpty()) {
                info.form = scope.top(prefix + "Form", new Spec.Schema("object", null, null, formRequired, formProps,
                        null, null, false, null, null), true);
                info.params.add(info.form.qualified + " form");
                info.args.add("form");
            }
            info.params.add("io.github.wechatpay4j.Media media");
            info.args.add("media");
        }
        Spec.Schema r = op.response();
        String model = sharedAnswers.get(op.key());
        if (model != null) {
            Decl shared = modelDecls.computeIfAbsent(model, k -> new Scope(k).top(k, modelSchemas.get(k), false));
            info.responseType = new JType(Kind.RECORD, Models.PACKAGE + "." + model, null, shared);
        } else if (r != null && r.isObject() && !r.properties().isEmpty()) {
            info.response = scope.top(prefix + "Response", r, false);
            info.responseType = new JType(Kind.RECORD, info.response.qualified, null, info.response);
        } else if (r != null && r.isObject()) {
            info.responseType = JType.MAP;
        }
        info.scope = scope;
        String types = String.join(",", info.params.stream().map(p -> p.substring(0, p.lastIndexOf(' '))).toList());
        info.signatures.add(info.verb + "(" + types + ")");
        info.signatures.add(info.verb + "(" + types + (types.isEmpty() ? "" : ",") + OPTIONS + ")");
        if (info.params.size() == 1 && info.query != null && info.bodyType == null
                && info.query.components.stream().noneMatch(Component::required)) {
            info.noArgForm = true;
            info.signatures.add(info.verb + "()");
        }
        if (op.idempotencyKey()) {
            info.signatures.add(info.verb + "(" + types + ",java.lang.String)");
        }
        infos.put(op, info);
        return info;
    }

    /** The nested types of one node class, named uniquely and shared when identical. */
    static final class Scope {
        final Set<String> taken = new HashSet<>();
        final Map<String, Decl> tops = new LinkedHashMap<>();

        Scope(String nodeClass) {
            taken.add(nodeClass);
        }

        Decl top(String name, Spec.Schema schema, boolean request) {
            Decl d = new Decl(name, name, false, null, request);
            taken.add(name);
            tops.put(name, d);
            fill(d, d, schema, request);
            return d;
        }

        private void fill(Decl top, Decl d, Spec.Schema schema, boolean request) {
            Set<String> javaNames = new HashSet<>();
            for (Map.Entry<String, Spec.Schema> e : schema.properties().entrySet()) {
                String wire = e.getKey();
                String java = Names.camel(wire);
                while (!javaNames.add(java)) {
                    java = java + "_";
                }
                Spec.Schema s = e.getValue();
                JType t = type(top, wire, s, request);
                boolean encrypted = s.encrypted() && t.kind == Kind.STRING
                        || t.kind == Kind.LIST && t.element.kind == Kind.STRING && s.items().encrypted();
                d.components.add(new Component(wire, java, t, schema.required().contains(wire), encrypted, s));
            }
        }

        private JType type(Decl top, String prop, Spec.Schema s, boolean request) {
            switch (s.type()) {
                case "string" -> {
                    if (!s.enumValues().isEmpty() && !s.encrypted()) {
                        Decl e = nested(top, prop, "enum:" + s.enumValues(), true, s.enumValues(), request);
                        return new JType(Kind.ENUM, e.qualified, null, e);
                    }
                    if ("rfc3339".equalsIgnoreCase(s.format())) {
                        return JType.DATETIME;
                    }
                    return JType.STRING;
                }
                case "integer" -> {
                    return "int32".equals(s.format()) ? JType.INT : JType.LONG;
                }
                case "number" -> {
                    return JType.DECIMAL;
                }
                case "boolean" -> {
                    return JType.BOOL;
                }
                case "array" -> {
                    return JType.list(s.items() == null ? JType.OBJECT : type(top, prop, s.items(), request));
                }
                case "object" -> {
                    if (s.properties().isEmpty()) {
                        return JType.MAP;
                    }
                    Decl r = nested(top, prop, signature(s) + request, false, null, request);
                    if (filled.add(r)) {
                        fill(top, r, s, request);
                    }
                    return new JType(Kind.RECORD, r.qualified, null, r);
                }
                default -> {
                    return JType.OBJECT;
                }
            }
        }

        private final Map<String, Map<String, Decl>> bySignature = new HashMap<>();

        private final Set<Decl> filled = new HashSet<>();

        private Decl nested(Decl top, String prop, String signature, boolean isEnum, List<String> values,
                            boolean request) {
            Map<String, Decl> sigs = bySignature.computeIfAbsent(top.simpleName, k -> new HashMap<>());
            String base = Names.pascal(prop);
            Decl same = sigs.get(base + "|" + signature);
            if (same != null) {
                return same;
            }
            String name = base;
            for (int i = 2; taken.contains(name) || top.nested.containsKey(name); i++) {
                name = base + i;
            }
            Decl d = new Decl(name, top.simpleName + "." + name, isEnum, values, request);
            top.nested.put(name, d);
            sigs.put(base + "|" + signature, d);
            return d;
        }

        static String signature(Spec.Schema s) {
            StringBuilder sb = new StringBuilder(s.type()).append(s.format()).append(s.enumValues())
                    .append(s.required()).append(s.encrypted());
            if (s.items() != null) {
                sb.append("[").append(signature(s.items())).append("]");
            }
            if (!s.properties().isEmpty()) {
                sb.append("{");
                s.properties().forEach((k, v) -> sb.append(k).append(':').append(signature(v)).append(','));
                sb.append("}");
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- main sources

    /** Everything in one module (no families): the node classes, the shared models, one module descriptor. */
    public Map<String, String> mainSources() {
        Map<String, String> out = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        emit(root, null, out, packages, false);
        packages.addAll(models(out));
        out.put("module-info.java", moduleInfo(BASE, "The typed WeChat Pay API: {@code WechatPayApi.of(client).v3()...}."
                + " Depends on core only.", List.of("io.github.wechatpay4j.core"), packages, packages));
        return out;
    }

    /**
     * The sources of one artifact: {@code base} (the shared models; {@code Route} and {@code Required} are written by
     * hand), {@code all} (the aggregate's {@code WechatPayApi} and upper nodes over every family), or a family's name
     * (its nodes from its prefixes down, its entry point and upper nodes).
     */
    public Map<String, String> partSources(String part) {
        if (families.families().isEmpty()) {
            throw new IllegalStateException("artifacts need a families file");
        }
        Map<String, String> out = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        switch (part) {
            case "base" -> {
                Set<String> models = models(out);
                Set<String> exported = new TreeSet<>(models);
                exported.add(BASE + ".internal");
                out.put("module-info.java", moduleInfo(BASE + ".base", "What every artifact of the typed API shares:"
                        + " the chain's route, required-field checks and the shared answer records.",
                        List.of("io.github.wechatpay4j.core"), exported, models));
            }
            case "all" -> {
                emit(root, null, out, packages, true);
                out.put("module-info.java", moduleInfo(BASE, "The typed WeChat Pay API, every family:"
                        + " {@code WechatPayApi.of(client).v3()...}.", families.families().stream()
                        .map(Families.Family::module).toList(), packages, Set.of()));
            }
            default -> {
                Families.Family f = families.named(part);
                for (Node r : roots.get(f)) {
                    emit(r, f, out, packages, false);
                    for (Node u = r.parent; u != null; u = u.parent) {
                        String file = familyFqn(u, f).replace('.', '/') + ".java";
                        if (!out.containsKey(file)) {
                            packages.add(f.entryPackage());
                            out.put(file, nodeClass(u, f));
                        }
                    }
                }
                out.put("module-info.java", moduleInfo(f.module(), "The typed WeChat Pay API for "
                        + Names.javadoc(f.title()) + ": {@code " + f.entryClass() + ".of(client).v3()...}, the same"
                        + " chain as {@code WechatPayApi} of {@code wechatpay-api}.", List.of(BASE + ".base"),
                        packages, packages));
            }
        }
        return out;
    }

    private Set<String> models(Map<String, String> out) {
        modelDecls.forEach((name, decl) -> out.put(Models.PACKAGE.replace('.', '/') + "/" + name + ".java",
                modelClass(name, decl)));
        return modelDecls.isEmpty() ? Set.of() : Set.of(Models.PACKAGE);
    }

    /** Emits {@code n} and its subtree; {@code upperOnly} stops at family roots (the aggregate's part). */
    private void emit(Node n, Families.Family view, Map<String, String> out, Set<String> packages,
            boolean upperOnly) {
        if (upperOnly && n.family != null) {
            return;
        }
        packages.add(n.pkg);
        out.put(n.fqn().replace('.', '/') + ".java", nodeClass(n, view));
        for (Node c : n.children.values()) {
            emit(c, view, out, packages, upperOnly);
        }
    }

    private static String moduleInfo(String module, String doc, List<String> requires, Set<String> exports,
            Set<String> opens) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by wechatpay-codegen from src/main/spec/operations.json. Do not edit.\n")
                .append("/**\n * ").append(doc).append("\n");
        if (!opens.isEmpty()) {
            sb.append(" * Request and response packages are open to the JSON adapters' reflection.\n");
        }
        sb.append(" */\nmodule ").append(module).append(" {\n");
        for (String r : requires) {
            sb.append("    requires transitive ").append(r).append(";\n");
        }
        sb.append('\n');
        for (String p : exports) {
            sb.append("    exports ").append(p).append(";\n");
        }
        if (!opens.isEmpty()) {
            sb.append('\n');
        }
        for (String p : opens) {
            sb.append("    opens ").append(p).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /** The family whose subtree holds {@code n}, or null for the nodes above every family (and without families). */
    private static Families.Family ownerOf(Node n) {
        for (Node x = n; x != null; x = x.parent) {
            if (x.family != null) {
                return x.family;
            }
        }
        return null;
    }

    private boolean upper(Node n) {
        return !families.families().isEmpty() && ownerOf(n) == null;
    }

    /** Where {@code n}'s class is in the view of {@code family}: upper nodes live in the family's entry package. */
    private String familyFqn(Node n, Families.Family family) {
        if (family == null || !upper(n)) {
            return n.fqn();
        }
        return family.entryPackage() + "." + (n == root ? family.entryClass() : n.cls);
    }

    /** Whether the class of {@code n} in the view of {@code family} has an accessor for {@code c}. */
    private boolean sees(Families.Family family, Node c) {
        if (family == null) {
            return true;
        }
        if (!upper(c)) {
            return ownerOf(c) == family;
        }
        return roots.get(family).stream().anyMatch(r -> {
            for (Node x = r; x != null; x = x.parent) {
                if (x == c) {
                    return true;
                }
            }
            return false;
        });
    }

    private String nodeClass(Node n, Families.Family view) {
        String fqn = familyFqn(n, view);
        String pkg = fqn.substring(0, fqn.lastIndexOf('.'));
        String cls = fqn.substring(pkg.length() + 1);
        Families.Family owner = view != null ? view : ownerOf(n);
        String entry = owner == null ? BASE + ".WechatPayApi" : owner.entryPackage() + "." + owner.entryClass();
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by wechatpay-codegen from src/main/spec/operations.json (facts from wechatpay-openapi, MIT;\n")
                .append("// see META-INF/NOTICE). Do not edit: change the spec or the generator.\n");
        sb.append("package ").append(pkg).append(";\n\n");
        String path = pathOf(n);
        if (n == root) {
            sb.append(view == null ? aggregateDoc() : familyDoc(view));
            sb.append("public final class ").append(cls).append(" {\n")
                    .append("    private final ").append(ROUTE).append(" route;\n\n")
                    .append("    private ").append(cls).append("(").append(ROUTE).append(" route) {\n")
                    .append("        this.route = route;\n    }\n\n")
                    .append("    /** The typed API over {@code client} (which signs, sends and verifies). */\n")
                    .append("    public static ").append(cls).append(" of(io.github.wechatpay4j.WechatPay client) {\n")
                    .append("        return new ").append(cls).append("(").append(ROUTE).append(".of(client, \"")
                    .append(cls).append("\"));\n    }\n\n")
                    .append("    /** The client the calls go through. */\n")
                    .append("    public io.github.wechatpay4j.WechatPay client() {\n")
                    .append("        return route.client();\n    }\n");
        } else {
            sb.append("/**\n * The endpoint {@code ").append(Names.javadoc(path)).append("}");
            if (!n.ops.isEmpty()) {
                sb.append(": ");
                sb.append(String.join(", ", n.ops.stream().map(o -> "{@link #" + infos.get(o).verb + " "
                        + o.method() + "} (" + Names.javadoc(o.summary()) + ")").toList()));
            }
            sb.append(".\n * Reached through {@link ").append(entry).append("}");
            if (owner != null) {
                sb.append(" (or {@code WechatPayApi} of the aggregate {@code wechatpay-api})");
            }
            sb.append("; immutable and thread-safe.\n */\n");
            sb.append("public final class ").append(cls).append(" {\n")
                    .append("    private final ").append(ROUTE).append(" route;\n\n")
                    .append("    /** Made by the chain; the route carries the client and the path values so far. */\n")
                    .append("    public ").append(cls).append("(").append(ROUTE).append(" route) {\n")
                    .append("        this.route = route;\n    }\n");
        }
        // accessors
        for (Node c : n.children.values()) {
            if (!c.placeholder && sees(view, c)) {
                String type = familyFqn(c, view);
                sb.append("\n    /** {@code ").append(Names.javadoc(pathOf(c))).append("}. */\n")
                        .append("    public ").append(type).append(" ").append(c.accessor).append("() {\n")
                        .append("        return new ").append(type).append("(route);\n    }\n");
            }
        }
        for (Node c : n.children.values()) {
            for (Node g : c.children.values()) {
                if (g.valueHolder == n && sees(view, g)) {
                    sb.append(valueAccessor(g));
                }
            }
            if (c.valueHolder == n && sees(view, c)) {
                sb.append(valueAccessor(c));
            }
        }
        for (Spec.Operation op : n.ops) {
            sb.append(operation(n, infos.get(op)));
        }
        for (Spec.Operation op : n.ops) {
            OpInfo info = infos.get(op);
            for (Decl top : info.scope.tops.values()) {
                sb.append(declaration(n, top, op, "    "));
            }
        }
        return sb.append("}\n").toString();
    }

    private static String aggregateDoc() {
        return """
                /**
                 * The typed WeChat Pay API over a client: every operation of the spec by its path, as a chain.
                 *
                 * <pre>{@code
                 * WechatPayApi api = WechatPayApi.of(client);
                 * api.v3().marketing().partnerships().build().post(request);
                 * api.v3().pay().transactions().id(transactionId).get(query);
                 * }</pre>
                 *
                 * Typed calls go through {@link io.github.wechatpay4j.WechatPay#chain(String)}: one execution path for
                 * signing, verification, retries and errors. Immutable and thread-safe. A service that needs only
                 * some families depends on their artifacts instead ({@code wechatpay-api-payments} and its
                 * {@code PaymentsApi}, ...): the chain is the same.
                 */
                """;
    }

    private String familyDoc(Families.Family f) {
        StringBuilder sb = new StringBuilder("/**\n * The typed WeChat Pay API for ").append(Names.javadoc(f.title()))
                .append(" (the artifact {@code ").append(f.artifactId()).append("}): the operations under ")
                .append(String.join(", ", f.prefixes().stream().map(p -> "{@code " + p + "}").toList()))
                .append(",\n * by the same chain as {@code WechatPayApi} of the aggregate {@code wechatpay-api}.\n *\n")
                .append(" * <pre>{@code\n * ").append(f.entryClass()).append(" api = ").append(f.entryClass())
                .append(".of(client);\n");
        for (Node r : roots.get(f)) {
            List<String> chain = new ArrayList<>();
            for (Node x = r; x != root; x = x.parent) {
                chain.add(0, x.accessor + "()");
            }
            sb.append(" * api.").append(String.join(".", chain)).append("...\n");
        }
        return sb.append(" * }</pre>\n *\n")
                .append(" * Typed calls go through {@link io.github.wechatpay4j.WechatPay#chain(String)}: one execution")
                .append(" path for\n * signing, verification, retries and errors. Immutable and thread-safe.\n */\n")
                .toString();
    }

    private static String valueAccessor(Node placeholder) {
        String param = Names.camel(placeholder.param);
        return "\n    /** {@code " + Names.javadoc(pathOf(placeholder)) + "}, with {@code {" + placeholder.param
                + "}} set to {@code " + param + "}. */\n"
                + "    public " + placeholder.fqn() + " " + placeholder.valueAccessor + "(java.lang.String " + param
                + ") {\n"
                + "        return new " + placeholder.fqn() + "(route.with(" + Names.literal(placeholder.param) + ", "
                + param + "));\n    }\n";
    }

    static String pathOf(Node n) {
        List<String> s = new ArrayList<>();
        for (Node x = n; x != null && x.parent != null; x = x.parent) {
            s.add(0, x.placeholder ? "{" + x.param + "}" : x.segment);
        }
        return "/" + String.join("/", s);
    }

    private String operation(Node n, OpInfo info) {
        Spec.Operation op = info.op;
        StringBuilder sb = new StringBuilder();
        String ret = info.returnType();
        String params = String.join(", ", info.params);
        String args = String.join(", ", info.args);
        String sep = params.isEmpty() ? "" : ", ";
        String doc = opDoc(op, info);
        String optionsMethod = info.verb + "Options";
        String constant = info.verb.toUpperCase(Locale.ROOT) + "_PATH";
        // the path template
        sb.append("\n    /** The path template of {@code ").append(op.method()).append("}. */\n")
                .append("    public static final java.lang.String ").append(constant).append(" = ")
                .append(Names.literal(info.template)).append(";\n");
        if (info.download()) {
            return sb.append(download(n, info, doc, params, args, sep, optionsMethod, constant)).toString();
        }
        // blocking
        sb.append(withoutOptions(doc, ret, info.verb, params, args, sep));
        sb.append(doc.replace("     */", "     * @param options more headers, a business key, a retry policy; no body\n     */"))
                .append("    public ").append(ret).append(" ").append(info.verb).append("(").append(params).append(sep)
                .append(OPTIONS).append(" options) {\n        ").append(API_RESPONSE).append(" response = route.send(")
                .append(Names.literal(op.method())).append(", ").append(constant).append(", ").append(optionsMethod)
                .append("(").append(args).append(sep).append("options));\n        return ").append(convert(info, "response"))
                .append(";\n    }\n");
        // async
        sb.append(doc).append("    public ").append(FUTURE).append("<").append(ret).append("> ").append(info.verb)
                .append("Async(").append(params).append(") {\n        return ").append(info.verb).append("Async(")
                .append(args).append(sep).append(OPTIONS).append(".none());\n    }\n");
        sb.append(doc.replace("     */", "     * @param options more headers, a business key, a retry policy; no body\n     */"))
                .append("    public ").append(FUTURE).append("<").append(ret).append("> ").append(info.verb)
                .append("Async(").append(params).append(sep).append(OPTIONS).append(" options) {\n")
                .append("        return route.sendAsync(").append(Names.literal(op.method())).append(", ").append(constant)
                .append(", () -> ").append(optionsMethod).append("(").append(args).append(sep).append("options))")
                .append(info.responseType == null ? "" : "\n                .thenApply(response -> " + convert(info, "response") + ")")
                .append(";\n    }\n");
        // a no-argument form when no query parameter is required
        if (info.noArgForm) {
            sb.append(doc).append("    public ").append(ret).append(" ").append(info.verb).append("() {\n")
                    .append("        return ").append(info.verb).append("(new ").append(info.query.qualified)
                    .append("(").append(String.join(", ", info.query.components.stream().map(c -> "null").toList()))
                    .append("));\n    }\n");
            sb.append(doc).append("    public ").append(FUTURE).append("<").append(ret).append("> ").append(info.verb)
                    .append("Async() {\n        return ").append(info.verb).append("Async(new ").append(info.query.qualified)
                    .append("(").append(String.join(", ", info.query.components.stream().map(c -> "null").toList()))
                    .append("));\n    }\n");
        }
        if (op.idempotencyKey()) {
            String idoc = doc.replace("     */", "     * @param idempotencyKey the {@code Idempotency-Key}: keep it to resend the same request\n     */");
            sb.append(idoc).append("    public ").append(ret).append(" ").append(info.verb).append("(").append(params)
                    .append(sep).append("java.lang.String idempotencyKey) {\n        return ").append(info.verb)
                    .append("(").append(args).append(sep).append(OPTIONS).append(".none().withIdempotencyKey(idempotencyKey));\n    }\n");
            sb.append(idoc).append("    public ").append(FUTURE).append("<").append(ret).append("> ").append(info.verb)
                    .append("Async(").append(params).append(sep).append("java.lang.String idempotencyKey) {\n        return ")
                    .append(info.verb).append("Async(").append(args).append(sep)
                    .append(OPTIONS).append(".none().withIdempotencyKey(idempotencyKey));\n    }\n");
        }
        sb.append(optionsMethod(n, info, params, sep, optionsMethod));
        return sb.toString();
    }

    /**
     * A file operation: methods that return the {@link #DOWNLOAD} (nothing is sent until it is written, so there is
     * no asynchronous form), and its options method.
     */
    private String download(Node n, OpInfo info, String doc, String params, String args, String sep,
                            String optionsMethod, String constant) {
        StringBuilder sb = new StringBuilder();
        sb.append(withoutOptions(doc, DOWNLOAD, info.verb, params, args, sep));
        sb.append(doc.replace("     */", "     * @param options more headers ({@code Accept-Encoding: gzip} for a statement); no body\n     */"))
                .append("    public ").append(DOWNLOAD).append(" ").append(info.verb).append("(").append(params).append(sep)
                .append(OPTIONS).append(" options) {\n        return route.download(").append(constant).append(", ")
                .append(optionsMethod).append("(").append(args).append(sep).append("options));\n    }\n");
        if (info.noArgForm) {
            sb.append(doc).append("    public ").append(DOWNLOAD).append(" ").append(info.verb).append("() {\n")
                    .append("        return ").append(info.verb).append("(new ").append(info.query.qualified)
                    .append("(").append(String.join(", ", info.query.components.stream().map(c -> "null").toList()))
                    .append("));\n    }\n");
        }
        return sb.append(optionsMethod(n, info, params, sep, optionsMethod)).toString();
    }

    /** {@code verb(params)} calling {@code verb(args, Options.none())}. */
    private static String withoutOptions(String doc, String ret, String verb, String params, String args,
                                         String sep) {
        return doc + "    public " + ret + " " + verb + "(" + params + ") {\n        return " + verb + "(" + args + sep
                + OPTIONS + ".none());\n    }\n";
    }

    private String optionsMethod(Node n, OpInfo info, String params, String sep, String optionsMethod) {
        Spec.Operation op = info.op;
        StringBuilder sb = new StringBuilder();
        sb.append("\n    private ").append(OPTIONS).append(" ").append(optionsMethod).append("(").append(params)
                .append(sep).append(OPTIONS).append(" options) {\n");
        sb.append("        ").append(OPTIONS).append(" o = route.options(options);\n");
        String owner = n.cls + "." + info.verb;
        if (info.query != null) {
            String q = info.body != null || info.bodyType != null ? "query" : "request";
            sb.append("        ").append(REQUIRED).append(".require(").append(q).append(", ")
                    .append(Names.literal(owner)).append(", ").append(Names.literal(q)).append(");\n");
            for (Component c : info.query.components) {
                sb.append("        o = route.").append(c.encrypted() ? "encryptedQuery" : "query").append("(o, ")
                        .append(Names.literal(c.wire())).append(", ").append(q).append(".").append(c.java())
                        .append("());\n");
            }
        }
        if (info.bodyType != null) {
            sb.append("        o = o.withJson(").append(REQUIRED).append(".require(request, ")
                    .append(Names.literal(owner)).append(", \"request\"));\n");
        }
        if (info.upload) {
            sb.append("        io.github.wechatpay4j.Media m = ").append(REQUIRED).append(".require(media, ")
                    .append(Names.literal(owner)).append(", \"media\");\n");
            if (info.meta != null) {
                sb.append("        m = m.withMeta(").append(REQUIRED).append(".require(meta, ")
                        .append(Names.literal(owner)).append(", \"meta\"));\n");
            }
            if (info.form != null) {
                sb.append("        ").append(REQUIRED).append(".require(form, ").append(Names.literal(owner))
                        .append(", \"form\");\n");
                for (Component c : info.form.components) {
                    sb.append("        if (form.").append(c.java()).append("() != null) {\n            m = m.withField(")
                            .append(Names.literal(c.wire())).append(", form.").append(c.java()).append("());\n        }\n");
                }
            }
            sb.append("        o = o.withUpload(m);\n");
        }
        if (op.serialRequired()) {
            sb.append("        o = o.withWechatpaySerial();\n");
        }
        if (op.idempotencyKey()) {
            sb.append("        o = route.idempotencyKey(o);\n");
        }
        sb.append("        return o;\n    }\n");
        return sb.toString();
    }

    private static String convert(OpInfo info, String var) {
        if (info.responseType == null) {
            return var;
        }
        if (info.responseType.kind == Kind.MAP) {
            return var + ".asMap()";
        }
        return var + ".as(" + info.responseType.name + ".class)";
    }

    private static String opDoc(Spec.Operation op, OpInfo info) {
        StringBuilder sb = new StringBuilder("\n    /**\n     * ").append(Names.javadoc(op.summary()))
                .append(": {@code ").append(op.method()).append(" ").append(Names.javadoc(op.path())).append("}");
        if (op.host() != null) {
            sb.append(" (served by {@code ").append(Names.javadoc(op.host())).append("}: build the client with that base URL)");
        }
        sb.append(".\n");
        if (op.deprecated()) {
            sb.append("     * <p><b>Deprecated by WeChat Pay.</b>\n");
        }
        if (op.idempotencyKey()) {
            sb.append("     * <p>Carries an {@code Idempotency-Key}: generated by the client and kept across its retries, unless given.\n");
        }
        if (op.serialRequired()) {
            sb.append("     * <p>Sensitive fields are given in plaintext: the client encrypts them with a platform key and sets\n")
                    .append("     * {@code Wechatpay-Serial}.\n");
        }
        if (info.response != null && info.response.hasEncryptedAnywhere()) {
            sb.append("     * <p>Some answer fields are encrypted to the merchant key: {@code client.decryptFields(answer)}.\n");
        }
        if (info.download()) {
            sb.append("     * <p>Answers a file").append(op.unsigned() ? ", unsigned" : ", signed through its SHA-1")
                    .append(": the {@link ").append(DOWNLOAD).append("} sends the signed request when written ({@code toFile},\n")
                    .append("     * {@code to}, {@code toBytes}), checking its hash where one is given with {@code expect}.\n");
        } else if (info.responseType == null) {
            sb.append("     * <p>Answers {@code ").append(op.status()).append("}").append(op.response() == null ? " without a body" : "")
                    .append(": the {@link ").append(API_RESPONSE).append("} carries the status and {@code Request-ID}.\n");
        }
        if (op.docUrl() != null) {
            sb.append("     * @see <a href=\"").append(op.docUrl().replace("\"", "%22")).append("\">official documentation</a>\n");
        }
        sb.append("     * @throws io.github.wechatpay4j.WechatPayException (a subtype) on a refused, failed or unverifiable call\n");
        return sb.append("     */\n").toString();
    }

    /**
     * An open enumeration: interned constants for the known values ({@code ==} holds for values read from JSON,
     * through {@code of}), {@code known()} for {@code switch}, and unknown values kept as they are.
     */
    static String openEnum(Decl d, String indent) {
        String t = d.simpleName;
        String i = indent;
        StringBuilder sb = new StringBuilder();
        List<String> constants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String v : d.enumValues) {
            String c = Names.constant(v);
            while (!names.add(c) || c.equals("UNKNOWN")) {
                c = c + "_";
            }
            constants.add(c);
        }
        sb.append(i).append("/**\n").append(i).append(" * Values of {@code ").append(t).append("}: the known ones are")
                .append(" constants, so {@code ==} and\n").append(i).append(" * {@code switch (value.known())} work; a")
                .append(" value WeChat Pay adds later is kept ({@code known()} is {@code UNKNOWN}).\n")
                .append(i).append(" */\n");
        sb.append(i).append("public static final class ").append(t)
                .append(" implements io.github.wechatpay4j.json.OpenEnum {\n");
        for (int k = 0; k < constants.size(); k++) {
            sb.append(i).append("    public static final ").append(t).append(" ").append(constants.get(k))
                    .append(" = new ").append(t).append("(").append(Names.literal(d.enumValues.get(k))).append(", Known.")
                    .append(constants.get(k)).append(");\n");
        }
        sb.append(i).append("    private static final java.util.Map<java.lang.String, ").append(t)
                .append("> KNOWN = java.util.Map.ofEntries(");
        for (int k = 0; k < constants.size(); k++) {
            sb.append(k == 0 ? "\n" : ",\n").append(i).append("            java.util.Map.entry(")
                    .append(constants.get(k)).append(".value, ").append(constants.get(k)).append(")");
        }
        sb.append(");\n\n");
        sb.append(i).append("    private final java.lang.String value;\n");
        sb.append(i).append("    private final Known known;\n\n");
        sb.append(i).append("    private ").append(t).append("(java.lang.String value, Known known) {\n")
                .append(i).append("        this.value = value;\n").append(i).append("        this.known = known;\n")
                .append(i).append("    }\n\n");
        sb.append(i).append("    /** The constant for a known value, or a new instance keeping an unknown one. */\n")
                .append(i).append("    public static ").append(t).append(" of(java.lang.String value) {\n")
                .append(i).append("        ").append(t).append(" known = KNOWN.get(java.util.Objects.requireNonNull(value, \"value\"));\n")
                .append(i).append("        return known != null ? known : new ").append(t).append("(value, Known.UNKNOWN);\n")
                .append(i).append("    }\n\n");
        sb.append(i).append("    /** The value exactly as WeChat Pay writes it. */\n")
                .append(i).append("    @Override\n").append(i).append("    public java.lang.String value() {\n")
                .append(i).append("        return value;\n").append(i).append("    }\n\n");
        sb.append(i).append("    /** Which known value this is, for {@code switch}; {@code UNKNOWN} for one added later. */\n")
                .append(i).append("    public Known known() {\n").append(i).append("        return known;\n")
                .append(i).append("    }\n\n");
        sb.append(i).append("    @Override\n").append(i).append("    public boolean equals(java.lang.Object o) {\n")
                .append(i).append("        return o instanceof ").append(t).append(" other && other.value.equals(value);\n")
                .append(i).append("    }\n\n");
        sb.append(i).append("    @Override\n").append(i).append("    public int hashCode() {\n")
                .append(i).append("        return value.hashCode();\n").append(i).append("    }\n\n");
        sb.append(i).append("    @Override\n").append(i).append("    public java.lang.String toString() {\n")
                .append(i).append("        return value;\n").append(i).append("    }\n\n");
        sb.append(i).append("    /** The known values of {@code ").append(t).append("}, and {@code UNKNOWN}. */\n")
                .append(i).append("    public enum Known {\n").append(i).append("        ");
        sb.append(String.join(", ", constants)).append(constants.isEmpty() ? "" : ", ").append("UNKNOWN\n")
                .append(i).append("    }\n");
        return sb.append(i).append("}\n").toString();
    }

    /** A shared model's file: the record, its nested types, and which operations answer it. */
    private String modelClass(String name, Decl decl) {
        Node node = new Node(null, name, false);
        node.cls = name;
        node.pkg = Models.PACKAGE;
        String what = "The " + Names.javadoc(name) + " WeChat Pay answers to " + String.join(" and ",
                modelOperations.get(name).stream().map(k -> "{@code " + Names.javadoc(k) + "}").toList());
        modelWhat.put(decl, what);
        return "// Generated by wechatpay-codegen from src/main/spec/operations.json and models.json (facts from\n"
                + "// wechatpay-openapi, MIT; see META-INF/NOTICE). Do not edit: change the spec or the generator.\n"
                + "package " + Models.PACKAGE + ";\n" + declaration(node, decl, null, "");
    }

    private final Map<Decl, String> modelWhat = new java.util.IdentityHashMap<>();

    private String declaration(Node n, Decl d, Spec.Operation op, String indent) {
        StringBuilder sb = new StringBuilder("\n");
        if (d.isEnum) {
            return sb.append(openEnum(d, indent)).toString();
        }
        boolean top = d.simpleName.equals(d.qualified);
        String what;
        if (top && modelWhat.containsKey(d)) {
            what = modelWhat.get(d);
        } else if (top) {
            what = d.request ? (d.simpleName.endsWith("Query") || (infos.get(op).query == d) ? "The query parameters"
                    : "The request body") : "The answer";
            what += " of {@code " + op.method() + " " + Names.javadoc(op.path()) + "}";
        } else {
            what = "{@code " + Names.javadoc(d.simpleName) + "}";
        }
        List<String> required = d.components.stream().filter(Component::required).map(Component::wire).toList();
        sb.append(indent).append("/**\n").append(indent).append(" * ").append(what).append(".");
        if (d.request && !required.isEmpty()) {
            sb.append(" Required: ").append(String.join(", ", required.stream().map(r -> "{@code " + Names.javadoc(r) + "}").toList())).append(".");
        }
        if (d.hasEncrypted()) {
            sb.append(d.request ? " Sensitive fields are plaintext here and encrypted by the client;"
                    : " Sensitive fields arrive encrypted to the merchant key;").append(" {@code toString()} hides them.");
        }
        sb.append("\n");
        for (Component c : d.components) {
            String facts = componentFacts(d, c);
            sb.append(indent).append(" * @param ").append(c.java()).append(" {@code ").append(Names.javadoc(c.wire()))
                    .append("}").append(facts.isEmpty() ? "" : ": " + facts).append("\n");
        }
        sb.append(indent).append(" */\n");
        sb.append(indent).append("public record ").append(d.simpleName).append("(");
        List<String> comps = new ArrayList<>();
        for (Component c : d.components) {
            StringBuilder cs = new StringBuilder();
            if (Names.needsJsonName(c.java(), c.wire())) {
                cs.append("@io.github.wechatpay4j.json.JsonName(").append(Names.literal(c.wire())).append(") ");
            }
            if (c.encrypted()) {
                cs.append("@io.github.wechatpay4j.crypto.Encrypted ");
            }
            cs.append(c.type().name).append(" ").append(c.java());
            comps.add(cs.toString());
        }
        sb.append(String.join(",\n" + indent + "        ", comps)).append(")");
        List<String> helpers = !d.request ? helperInterfaces(d) : List.of();
        if (!helpers.isEmpty()) {
            sb.append(" implements ").append(String.join(", ", helpers));
        }
        sb.append(" {\n");
        // compact constructor: required checks and immutable copies
        List<String> body = new ArrayList<>();
        String label = n.cls + "." + d.qualified;
        for (Component c : d.components) {
            if (d.request && c.required()) {
                body.add(REQUIRED + ".require(" + c.java() + ", " + Names.literal(label) + ", " + Names.literal(c.wire()) + ");");
            }
            if (c.type().kind == Kind.LIST) {
                body.add(c.java() + " = " + REQUIRED + ".list(" + c.java() + ");");
            } else if (c.type().kind == Kind.MAP) {
                body.add(c.java() + " = " + REQUIRED + ".map(" + c.java() + ");");
            }
        }
        if (!body.isEmpty()) {
            sb.append(indent).append("    public ").append(d.simpleName).append(" {\n");
            for (String b : body) {
                sb.append(indent).append("        ").append(b).append("\n");
            }
            sb.append(indent).append("    }\n");
        }
        if (d.hasEncrypted()) {
            sb.append(indent).append("    @java.lang.Override\n").append(indent)
                    .append("    public java.lang.String toString() {\n").append(indent).append("        return \"")
                    .append(d.simpleName).append("[");
            List<String> parts = new ArrayList<>();
            for (Component c : d.components) {
                parts.add(c.encrypted() ? c.java() + "=\" + (" + c.java() + " == null ? \"null\" : \"[hidden]\") + \""
                        : c.java() + "=\" + " + c.java() + " + \"");
            }
            sb.append(String.join(", ", parts)).append("]\";\n").append(indent).append("    }\n");
        }
        if (helpers.stream().anyMatch(h -> h.endsWith("DownloadLocation"))) {
            sb.append(hashAlgorithm(d, indent));
        }
        if (d.request && !d.components.isEmpty()) {
            sb.append(builder(d, indent + "    "));
        }
        if (top) {
            for (Decl nd : d.nested.values()) {
                sb.append(declaration(n, nd, op, indent + "    "));
            }
        }
        return sb.append(indent).append("}\n").toString();
    }

    private static final Set<String> AMOUNT_NAMES = Set.of("total", "refund", "payer_total", "payer_refund",
            "settlement_total", "settlement_refund", "discount_refund", "amount", "coupon_amount",
            "transaction_minimum", "unit_price", "refund_amount");

    /**
     * The facts the spec gives about a component, for its {@code @param}: required (requests), amounts in fen,
     * format, sensitive, enumeration values, length, pattern, example. Never prose.
     */
    static String componentFacts(Decl d, Component c) {
        List<String> facts = new ArrayList<>();
        Spec.Schema s = c.schema();
        if (d.request && c.required()) {
            facts.add("required");
        }
        if ((c.type().kind == Kind.LONG || c.type().kind == Kind.INT) && (AMOUNT_NAMES.contains(c.wire())
                || c.wire().endsWith("_amount") || c.wire().endsWith("_fee") || d.simpleName.endsWith("Amount")
                && (c.wire().endsWith("total") || c.wire().endsWith("refund")))) {
            facts.add("an amount in fen (分)");
        }
        if (s != null && s.format() != null) {
            switch (s.format()) {
                case "rfc3339" -> facts.add("an RFC 3339 time");
                case "int64", "int32", "base64", "jsonObjectLike" -> {
                }
                default -> facts.add("format " + Names.javadoc(s.format()));
            }
        }
        if (c.encrypted()) {
            facts.add(d.request ? "sensitive: give plaintext, the client encrypts it"
                    : "sensitive: arrives encrypted to the merchant key");
        }
        if (s != null && !s.enumValues().isEmpty() && c.type().kind != Kind.ENUM) {
            facts.add("one of " + String.join(", ", s.enumValues().stream().limit(12).map(Names::javadoc).toList())
                    + (s.enumValues().size() > 12 ? ", …" : ""));
        }
        if (s != null && s.maxLength() != null) {
            facts.add("at most " + s.maxLength() + " characters");
        }
        if (s != null && s.pattern() != null) {
            facts.add("matches {@code " + Names.javadoc(s.pattern()).replace("{", "&#123;").replace("}", "&#125;") + "}");
        }
        if (s != null && s.example() != null && !(s.example() instanceof Map) && !(s.example() instanceof List)) {
            String example = Names.javadoc(String.valueOf(s.example()));
            if (!example.isEmpty() && example.length() <= 80) {
                facts.add("e.g. {@code " + example.replace("{", "&#123;").replace("}", "&#125;") + "}");
            }
        }
        return String.join("; ", facts);
    }

    /**
     * The core interfaces an answer record fits, so that the client's helpers take it as it is: a {@code prepay_id}
     * answer is a {@code PrepayAnswer} (front-end payment parameters), a bill query answer a {@code DownloadLocation}
     * (bill download).
     */
    static List<String> helperInterfaces(Decl d) {
        Set<String> strings = new HashSet<>();
        for (Component c : d.components) {
            if (c.type().name.equals("java.lang.String")) {
                strings.add(c.java());
            }
        }
        List<String> out = new ArrayList<>();
        if (strings.contains("prepayId")) {
            out.add("io.github.wechatpay4j.PrepayAnswer");
        }
        if (strings.containsAll(Set.of("downloadUrl", "hashValue")) && hashType(d) != null) {
            out.add(strings.containsAll(Set.of("encryptKey", "nonce")) ? "io.github.wechatpay4j.EncryptedDownloadLocation"
                    : "io.github.wechatpay4j.DownloadLocation");
        }
        return out;
    }

    /** The {@code hashType} component, as a string or an open enum, or null. */
    private static Component hashType(Decl d) {
        return d.components.stream().filter(c -> c.java().equals("hashType") && (c.type().name
                .equals("java.lang.String") || c.type().kind == Kind.ENUM)).findFirst().orElse(null);
    }

    /** The bridge {@code DownloadLocation.hashAlgorithm()} needs: the hash type as a string. */
    private static String hashAlgorithm(Decl d, String indent) {
        Component c = hashType(d);
        String value = c.type().kind == Kind.ENUM ? "hashType == null ? null : hashType.value()" : "hashType";
        return indent + "    /** The {@code hash_type} as a string, for {@code WechatPay.download(DownloadLocation)}. */\n"
                + indent + "    @java.lang.Override\n" + indent + "    public java.lang.String hashAlgorithm() {\n"
                + indent + "        return " + value + ";\n" + indent + "    }\n";
    }

    /**
     * A request record's fluent builder: a named setter per component (so two amounts cannot be swapped silently),
     * {@code long}/{@code int}/{@code boolean} overloads for boxed numbers and flags (so {@code total(100)}
     * compiles), {@code build()} through the canonical constructor and its required-field checks, and
     * {@code toBuilder()} to change a copy.
     */
    static String builder(Decl d, String i) {
        boolean clash = d.nested.containsKey("Builder") || d.simpleName.equals("Builder");
        String b = clash ? "RecordBuilder" : "Builder";
        boolean factoryClash = d.components.stream().anyMatch(c -> c.java().equals("builder")
                || c.java().equals("toBuilder"));
        StringBuilder sb = new StringBuilder();
        if (!factoryClash) {
            sb.append("\n").append(i).append("/** A builder of {@code ").append(d.simpleName).append("}. */\n")
                    .append(i).append("public static ").append(b).append(" builder() {\n")
                    .append(i).append("    return new ").append(b).append("();\n").append(i).append("}\n");
            sb.append("\n").append(i).append("/** A builder holding this record's values. */\n")
                    .append(i).append("public ").append(b).append(" toBuilder() {\n")
                    .append(i).append("    return new ").append(b).append("()");
            for (Component c : d.components) {
                sb.append(".").append(c.java()).append("(").append(c.java()).append(")");
            }
            sb.append(";\n").append(i).append("}\n");
        }
        sb.append("\n").append(i).append("/** Builds a {@code ").append(d.simpleName)
                .append("}; {@link #build()} checks the required fields. */\n")
                .append(i).append("public static final class ").append(b).append(" {\n");
        for (Component c : d.components) {
            sb.append(i).append("    private ").append(c.type().name).append(" ").append(c.java()).append(";\n");
        }
        sb.append("\n").append(i).append("    private ").append(b).append("() {\n").append(i).append("    }\n");
        for (Component c : d.components) {
            String doc = "{@code " + Names.javadoc(c.wire()) + "}" + (c.required() ? " (required)" : "")
                    + (c.encrypted() ? ", in plaintext: the client encrypts it" : "");
            sb.append("\n").append(i).append("    /** ").append(doc).append(". */\n")
                    .append(i).append("    public ").append(b).append(" ").append(c.java()).append("(")
                    .append(c.type().name).append(" ").append(c.java()).append(") {\n")
                    .append(i).append("        this.").append(c.java()).append(" = ").append(c.java()).append(";\n")
                    .append(i).append("        return this;\n").append(i).append("    }\n");
            String primitive = switch (c.type().name) {
                case "java.lang.Long" -> "long";
                case "java.lang.Integer" -> "int";
                case "java.lang.Boolean" -> "boolean";
                default -> null;
            };
            if (primitive != null) {
                sb.append("\n").append(i).append("    /** ").append(doc).append(". */\n")
                        .append(i).append("    public ").append(b).append(" ").append(c.java()).append("(")
                        .append(primitive).append(" ").append(c.java()).append(") {\n")
                        .append(i).append("        this.").append(c.java()).append(" = ").append(c.java()).append(";\n")
                        .append(i).append("        return this;\n").append(i).append("    }\n");
            }
        }
        sb.append("\n").append(i).append("    /** The record; a missing required field is an {@code InvalidRequestException}. */\n")
                .append(i).append("    public ").append(d.simpleName).append(" build() {\n")
                .append(i).append("        return new ").append(d.simpleName).append("(")
                .append(String.join(", ", d.components.stream().map(Component::java).toList())).append(");\n")
                .append(i).append("    }\n");
        return sb.append(i).append("}\n").toString();
    }

    // ---------------------------------------------------------------- contract tests

    public Map<String, String> testSources() {
        Map<String, List<Spec.Operation>> groups = new TreeMap<>();
        for (Spec.Operation op : typed) {
            String[] s = op.path().substring(1).split("/");
            String group = Names.pascal(s[0]) + (s.length > 1 ? Names.pascal(s[1]) : "");
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(op);
        }
        Map<String, String> out = new TreeMap<>();
        String pkg = BASE + ".contract";
        for (Map.Entry<String, List<Spec.Operation>> g : groups.entrySet()) {
            String cls = g.getKey() + "SpecContractTest";
            StringBuilder sb = new StringBuilder("// Generated by wechatpay-codegen. Do not edit.\npackage ")
                    .append(pkg).append(";\n\n")
                    .append("/** Every typed operation under {@code /").append(g.getValue().get(0).path().split("/")[1])
                    .append("/...} against the fake server in its spec-driven mode. */\n")
                    .append("class ").append(cls).append(" extends SpecContract {\n");
            Set<String> names = new HashSet<>();
            for (Spec.Operation op : g.getValue()) {
                String m = Names.camel(op.method().toLowerCase(Locale.ROOT) + " "
                        + op.path().replace("{", "by ").replace("}", " "));
                while (!names.add(m)) {
                    m = m + "_";
                }
                sb.append(test(op, m));
            }
            out.put(pkg.replace('.', '/') + "/" + cls + ".java", sb.append("}\n").toString());
        }
        return out;
    }

    private String test(Spec.Operation op, String method) {
        OpInfo info = infos.get(op);
        List<Node> path = new ArrayList<>();
        Node leaf = nodeOf(op);
        for (Node x = leaf; x != root; x = x.parent) {
            path.add(0, x);
        }
        Families.Family family = ownerOf(leaf);
        // with families, about half the tests start at the family's entry point, the rest at WechatPayApi
        boolean fromFamily = family != null && (method.hashCode() >>> 1) % 2 == 0;
        String calls = chainCalls(fromFamily ? family.entryPackage() + "." + family.entryClass() + ".of(client())"
                : "api()", path, op);
        List<String> args = new ArrayList<>();
        if (info.query != null) {
            args.add(newRecord(info.query, 0));
        }
        if (info.bodyType != null) {
            args.add(info.body != null ? newRecord(info.body, 0) : "java.util.Map.of(\"example\", \"value\")");
        }
        if (info.meta != null) {
            args.add(newRecord(info.meta, 0));
        }
        if (info.form != null) {
            args.add(newRecord(info.form, 0));
        }
        if (info.upload) {
            args.add("upload(" + Names.literal(op.key()) + ")");
        }
        if (info.download()) {
            return "\n    /** " + Names.javadoc(op.summary()) + ": {@code " + op.method() + " " + Names.javadoc(op.path())
                    + "}. */\n    @org.junit.jupiter.api.Test\n    void " + method + "() {\n"
                    + "        verifyDownload(" + Names.literal(op.key()) + ", " + calls + "." + info.verb + "("
                    + String.join(", ", args) + "));\n    }\n";
        }
        String call = calls + "." + info.verb + (method.hashCode() % 2 == 0 ? "" : "Async") + "(" + String.join(", ", args) + ")";
        boolean async = method.hashCode() % 2 != 0;
        return "\n    /** " + Names.javadoc(op.summary()) + ": {@code " + op.method() + " " + Names.javadoc(op.path())
                + "}. */\n    @org.junit.jupiter.api.Test\n    void " + method + "() {\n"
                + "        java.lang.Object answer = " + (async ? "join(" + call + ")" : call) + ";\n"
                + "        verify(" + Names.literal(op.key()) + ", answer);\n    }\n";
    }

    private String chainCalls(String start, List<Node> path, Spec.Operation op) {
        StringBuilder sb = new StringBuilder(start);
        Node prev = root;
        for (int i = 0; i < path.size(); i++) {
            Node x = path.get(i);
            Node next = i + 1 < path.size() ? path.get(i + 1) : null;
            if (x.placeholder) {
                if (x.valueHolder == prev) { // the accessor is on the previous node (a placeholder or the root)
                    sb.append('.').append(x.valueAccessor).append('(').append(Names.literal(pathValue(op, x.param))).append(')');
                }
                prev = x;
                continue;
            }
            if (next != null && next.placeholder && next.valueHolder == prev) {
                sb.append('.').append(next.valueAccessor).append('(').append(Names.literal(pathValue(op, next.param))).append(')');
                prev = next;
                i++;
                continue;
            }
            sb.append('.').append(x.accessor).append("()");
            prev = x;
        }
        return sb.toString();
    }

    private Node nodeOf(Spec.Operation op) {
        List<String> segments = new ArrayList<>(List.of(op.path().substring(1).split("/", -1)));
        if (segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        Node n = root;
        for (String s : segments) {
            n = n.children.get(s);
        }
        return n;
    }

    static String pathValue(Spec.Operation op, String param) {
        for (Spec.Parameter p : op.parameters()) {
            if (p.in().equals("path") && p.name().equals(param) && p.schema() != null && p.schema().example() != null) {
                String v = String.valueOf(p.schema().example());
                if (v.matches("[A-Za-z0-9_.-]{1,64}")) {
                    return v;
                }
            }
        }
        return "example_" + param;
    }

    /** A constructor call of {@code d} filled from the spec's examples. */
    private String newRecord(Decl d, int depth) {
        List<String> args = new ArrayList<>();
        for (Component c : d.components) {
            args.add(depth > 6 && !c.required() ? "null" : value(c.type(), c.schema(), depth));
        }
        return "new " + ownerOf(d) + d.qualified + "(" + String.join(", ", args) + ")";
    }

    private final Map<Decl, String> owners = new HashMap<>();

    /** The node class (with a trailing dot) a nested declaration lives in. */
    private String ownerOf(Decl d) {
        String o = owners.get(d);
        if (o == null) {
            for (Map.Entry<Spec.Operation, OpInfo> e : infos.entrySet()) {
                Node node = nodeOf(e.getKey());
                for (Decl top : e.getValue().scope.tops.values()) {
                    owners.put(top, node.fqn() + ".");
                    top.nested.values().forEach(nd -> owners.put(nd, node.fqn() + "."));
                }
            }
            o = owners.get(d);
        }
        return o;
    }

    private String value(JType t, Spec.Schema s, int depth) {
        Object ex = s == null ? null : s.example();
        return switch (t.kind) {
            case STRING -> Names.literal(exampleString(s));
            case DATETIME -> "java.time.OffsetDateTime.parse(\"" + FIXED_TIME + "\")";
            case LONG -> exampleLong(ex) + "L";
            case INT -> "java.lang.Integer.valueOf(" + (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, exampleLong(ex))) + ")";
            case DECIMAL -> "new java.math.BigDecimal(\"" + exampleDecimal(ex) + "\")";
            case BOOL -> String.valueOf(!(ex instanceof Boolean b) || b);
            case ENUM -> ownerOf(t.decl) + t.decl.qualified + ".of(" + Names.literal(exampleEnum(s)) + ")";
            case RECORD -> newRecord(t.decl, depth + 1);
            case LIST -> "java.util.List.of(" + value(t.element, s == null ? null : s.items(), depth + 1) + ")";
            case MAP -> "java.util.Map.of(\"example\", \"value\")";
            case OBJECT -> "\"example\"";
        };
    }

    /** Example values, made valid for their schema when the source's example is not. */
    static String exampleString(Spec.Schema s) {
        Object ex = s == null ? null : s.example();
        String v = ex instanceof String || ex instanceof Number || ex instanceof Boolean ? String.valueOf(ex) : "example";
        if (s != null && s.maxLength() != null && s.maxLength() > 0 && v.length() > s.maxLength()) {
            v = v.substring(0, s.maxLength());
        }
        return v;
    }

    static String exampleEnum(Spec.Schema s) {
        Object ex = s.example();
        return ex != null && s.enumValues().contains(String.valueOf(ex)) ? String.valueOf(ex) : s.enumValues().get(0);
    }

    static long exampleLong(Object ex) {
        if (ex instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (ex instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }

    static String exampleDecimal(Object ex) {
        try {
            if (ex != null) {
                return new BigDecimal(String.valueOf(ex).strip()).toPlainString();
            }
        } catch (NumberFormatException e) {
            // not a number: fall through
        }
        return "1.5";
    }
}
