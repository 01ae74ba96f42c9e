package io.github.wechatpay4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.wechatpay4j.codegen.Generator.Node;
import io.github.wechatpay4j.codegen.Generator.OpInfo;
import io.github.wechatpay4j.codegen.Model.Component;
import io.github.wechatpay4j.codegen.Model.Decl;
import io.github.wechatpay4j.codegen.Model.JType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One contract test per typed operation, a class per path prefix ({@code V3PaySpecContractTest}): the request built
 * from the spec's examples goes through the typed chain (from {@code WechatPayApi} or from the operation's family
 * entry point, about half each) to the fake in its spec-driven mode, which checks it; the answer is checked by
 * {@code SpecContract.verify} ({@code verifyApiV2} for APIv2's, sent through a client with the APIv2 scheme).
 */
final class ContractTests {
    static final String PACKAGE = Generator.BASE + ".contract";
    static final String FIXED_TIME = "2026-11-23T10:15:30+08:00";
    private static final ClassName BASE_CLASS = ClassName.get(PACKAGE, "SpecContract");
    private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");

    private final Generator g;

    ContractTests(Generator g) {
        this.g = g;
    }

    /** The test classes by simple name. */
    Map<String, TypeSpec> classes(List<Spec.Operation> typed) {
        Map<String, List<Spec.Operation>> groups = new TreeMap<>();
        for (Spec.Operation op : typed) {
            String[] s = op.path().substring(1).split("/");
            String group = Names.pascal(s[0]) + (s.length > 1 ? Names.pascal(s[1]) : "");
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(op);
        }
        Map<String, TypeSpec> out = new TreeMap<>();
        for (Map.Entry<String, List<Spec.Operation>> e : groups.entrySet()) {
            String cls = e.getKey() + "SpecContractTest";
            TypeSpec.Builder t = TypeSpec.classBuilder(cls)
                    .superclass(BASE_CLASS)
                    .addJavadoc(
                            "Every typed operation under {@code /$L/...} against the fake server in its spec-driven mode.\n",
                            e.getValue().get(0).path().split("/")[1]);
            Set<String> names = new HashSet<>();
            for (Spec.Operation op : e.getValue()) {
                String m = Names.camel(op.method().toLowerCase(Locale.ROOT) + " "
                        + op.path().replace("{", "by ").replace("}", " "));
                while (!names.add(m)) {
                    m = m + "_";
                }
                t.addMethod(test(op, m));
            }
            out.put(cls, t.build());
        }
        return out;
    }

    private MethodSpec test(Spec.Operation op, String method) {
        OpInfo info = g.info(op);
        List<Node> path = new ArrayList<>();
        Node leaf = g.nodeOf(op);
        for (Node x = leaf; x != g.root(); x = x.parent) {
            path.add(0, x);
        }
        Families.Family family = Generator.ownerOf(leaf);
        // with families, about half the tests start at the family's entry point, the rest at WechatPayApi
        boolean fromFamily = family != null && (method.hashCode() >>> 1) % 2 == 0;
        // APIv2 operations go through a client with the APIv2 scheme and a client certificate, over TLS
        boolean v2 = op.api().equals("v2");
        String suffix = v2 ? "V2" : "";
        CodeBlock start = fromFamily
                ? CodeBlock.of("$T.of(client$L())", ClassName.get(family.entryPackage(), family.entryClass()), suffix)
                : CodeBlock.of("api$L()", suffix);
        CodeBlock.Builder call = CodeBlock.builder().add("$L$L", start, chain(path, op));
        List<CodeBlock> args = new ArrayList<>();
        if (info.query != null) {
            args.add(v2 ? newApiV2Record(info.query) : newRecord(info.query, 0));
        }
        if (info.bodyType != null) {
            args.add(
                    info.body == null
                            ? CodeBlock.of("$T.of($S, $S)", Map.class, "example", "value")
                            : v2 ? newApiV2Record(info.body) : newRecord(info.body, 0));
        }
        if (info.meta != null) {
            args.add(newRecord(info.meta, 0));
        }
        if (info.form != null) {
            args.add(v2 ? newApiV2Record(info.form) : newRecord(info.form, 0));
        }
        if (info.upload) {
            args.add(CodeBlock.of("upload($S)", op.key()));
        }
        MethodSpec.Builder m = MethodSpec.methodBuilder(method)
                .addAnnotation(TEST)
                .addJavadoc("$L: {@code $L $L}.\n", Names.javadoc(op.summary()), op.method(), Names.javadoc(op.path()));
        if (info.link()) {
            call.add(".link($L)", CodeBlock.join(args, ", "));
            return m.addStatement("verifyApiV2Link($S, $L)", op.key(), call.build())
                    .build();
        }
        if (info.download()) {
            call.add(".$L($L)", info.verb, CodeBlock.join(args, ", "));
            return m.addStatement("verify$LDownload($S, $L)", v2 ? "ApiV2" : "", op.key(), call.build())
                    .build();
        }
        boolean async = method.hashCode() % 2 != 0;
        call.add(".$L$L($L)", info.verb, async ? "Async" : "", CodeBlock.join(args, ", "));
        return m.addStatement(
                        "$T answer = $L", Object.class, async ? CodeBlock.of("join($L)", call.build()) : call.build())
                .addStatement("verify$L($S, answer)", v2 ? "ApiV2" : "", op.key())
                .build();
    }

    /** The accessor calls from an entry point to the operation's node, path values from the examples. */
    private CodeBlock chain(List<Node> path, Spec.Operation op) {
        CodeBlock.Builder sb = CodeBlock.builder();
        Node prev = g.root();
        for (int i = 0; i < path.size(); i++) {
            Node x = path.get(i);
            Node next = i + 1 < path.size() ? path.get(i + 1) : null;
            if (x.placeholder) {
                if (x.valueHolder == prev) { // the accessor is on the previous node (a placeholder or the root)
                    sb.add(".$L($S)", x.valueAccessor, pathValue(op, x.param));
                }
                prev = x;
                continue;
            }
            if (next != null && next.placeholder && next.valueHolder == prev) {
                sb.add(".$L($S)", next.valueAccessor, pathValue(op, next.param));
                prev = next;
                i++;
                continue;
            }
            sb.add(".$L()", x.accessor);
            prev = x;
        }
        return sb.build();
    }

    static String pathValue(Spec.Operation op, String param) {
        for (Spec.Parameter p : op.parameters()) {
            if (p.in().equals("path")
                    && p.name().equals(param)
                    && p.schema() != null
                    && p.schema().example() != null) {
                String v = String.valueOf(p.schema().example());
                if (v.matches("[A-Za-z0-9_.-]{1,64}")) {
                    return v;
                }
            }
        }
        return "example_" + param;
    }

    /**
     * An APIv2 request filled from the spec's examples but for the merchant, which the client's scheme fills in with
     * its own (the examples name another merchant, which the scheme would refuse), and a {@code sign_type} the spec
     * gives no values for.
     */
    private static CodeBlock newApiV2Record(Decl d) {
        List<CodeBlock> args = new ArrayList<>();
        for (Component c : d.components) {
            boolean merchant = c.wire().equals("mch_id")
                    || c.wire().equals("mchid")
                    || c.wire().equals("combine_mch_id");
            // a sign_type the spec gives no values for: the scheme chooses it
            boolean anySignType = c.wire().equals("sign_type")
                    && (c.schema() == null || c.schema().enumValues().isEmpty());
            args.add(merchant || anySignType ? CodeBlock.of("null") : value(c.type(), c.schema(), 0));
        }
        return CodeBlock.of("new $T($L)", d.className, CodeBlock.join(args, ", "));
    }

    /** A constructor call of {@code d} filled from the spec's examples. */
    private static CodeBlock newRecord(Decl d, int depth) {
        List<CodeBlock> args = new ArrayList<>();
        for (Component c : d.components) {
            args.add(depth > 6 && !c.required() ? CodeBlock.of("null") : value(c.type(), c.schema(), depth));
        }
        return CodeBlock.of("new $T($L)", d.className, CodeBlock.join(args, ", "));
    }

    private static CodeBlock value(JType t, Spec.Schema s, int depth) {
        Object ex = s == null ? null : s.example();
        return switch (t.kind) {
            case STRING -> CodeBlock.of("$S", exampleString(s));
            case DATETIME -> CodeBlock.of("$T.parse($S)", OffsetDateTime.class, FIXED_TIME);
            case LONG -> CodeBlock.of("$LL", exampleLong(ex));
            case INT ->
                CodeBlock.of("$T.valueOf($L)", Integer.class, (int)
                        Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, exampleLong(ex))));
            case DECIMAL -> CodeBlock.of("new $T($S)", BigDecimal.class, exampleDecimal(ex));
            case BOOL -> CodeBlock.of("$L", !(ex instanceof Boolean b) || b);
            case ENUM -> CodeBlock.of("$T.of($S)", t.decl.className, exampleEnum(s));
            case RECORD -> newRecord(t.decl, depth + 1);
            case LIST ->
                CodeBlock.of("$T.of($L)", List.class, value(t.element, s == null ? null : s.items(), depth + 1));
            case MAP -> CodeBlock.of("$T.of($S, $S)", Map.class, "example", "value");
            case OBJECT -> CodeBlock.of("$S", "example");
        };
    }

    /** Example values, made valid for their schema when the source's example is not. */
    static String exampleString(Spec.Schema s) {
        Object ex = s == null ? null : s.example();
        String v =
                ex instanceof String || ex instanceof Number || ex instanceof Boolean ? String.valueOf(ex) : "example";
        if (s != null && s.maxLength() != null && s.maxLength() > 0 && v.length() > s.maxLength()) {
            v = v.substring(0, s.maxLength());
        }
        return v;
    }

    static String exampleEnum(Spec.Schema s) {
        Object ex = s.example();
        return ex != null && s.enumValues().contains(String.valueOf(ex))
                ? String.valueOf(ex)
                : s.enumValues().get(0);
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
