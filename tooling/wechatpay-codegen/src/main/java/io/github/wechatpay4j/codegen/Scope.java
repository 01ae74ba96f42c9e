package io.github.wechatpay4j.codegen;

import com.palantir.javapoet.ClassName;
import io.github.wechatpay4j.codegen.Model.Component;
import io.github.wechatpay4j.codegen.Model.Decl;
import io.github.wechatpay4j.codegen.Model.JType;
import io.github.wechatpay4j.codegen.Model.Kind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How schemas become Java types in one class: the records and open enums nested in a node class (or a shared model),
 * named uniquely there and shared when two properties have an identical shape.
 */
final class Scope {
    final Set<String> taken = new HashSet<>();
    final Map<String, Decl> tops = new LinkedHashMap<>();
    private final ClassName owner;

    /** The types nested in {@code owner}; a shared model's scope is the model itself. */
    Scope(ClassName owner) {
        this.owner = owner;
        taken.add(owner.simpleName());
    }

    Decl top(String name, Spec.Schema schema, boolean request) {
        boolean model =
                owner.packageName().equals(Models.PACKAGE) && owner.simpleName().equals(name);
        ClassName cn = model ? owner : owner.nestedClass(name);
        Decl d = new Decl(cn, name, false, null, request);
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
                    || t.kind == Kind.LIST
                            && t.element.kind == Kind.STRING
                            && s.items().encrypted();
            d.components.add(new Component(wire, java, t, schema.required().contains(wire), encrypted, s));
        }
    }

    private JType type(Decl top, String prop, Spec.Schema s, boolean request) {
        switch (s.type()) {
            case "string" -> {
                if (!s.enumValues().isEmpty() && !s.encrypted()) {
                    Decl e = nested(top, prop, "enum:" + s.enumValues(), true, s.enumValues(), request);
                    return JType.of(e);
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
                return JType.of(r);
            }
            default -> {
                return JType.OBJECT;
            }
        }
    }

    private final Map<String, Map<String, Decl>> bySignature = new HashMap<>();

    private final Set<Decl> filled = new HashSet<>();

    private Decl nested(Decl top, String prop, String signature, boolean isEnum, List<String> values, boolean request) {
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
        Decl d = new Decl(top.className.nestedClass(name), top.simpleName + "." + name, isEnum, values, request);
        top.nested.put(name, d);
        sigs.put(base + "|" + signature, d);
        return d;
    }

    static String signature(Spec.Schema s) {
        StringBuilder sb = new StringBuilder(s.type())
                .append(s.format())
                .append(s.enumValues())
                .append(s.required())
                .append(s.encrypted());
        if (s.items() != null) {
            sb.append("[").append(signature(s.items())).append("]");
        }
        if (!s.properties().isEmpty()) {
            sb.append("{");
            s.properties()
                    .forEach((k, v) ->
                            sb.append(k).append(':').append(signature(v)).append(','));
            sb.append("}");
        }
        return sb.toString();
    }
}
