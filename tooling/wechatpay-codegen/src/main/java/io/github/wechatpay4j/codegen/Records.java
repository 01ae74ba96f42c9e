package io.github.wechatpay4j.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.wechatpay4j.codegen.Model.Component;
import io.github.wechatpay4j.codegen.Model.Decl;
import io.github.wechatpay4j.codegen.Model.Kind;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value types of the typed API as JavaPoet types: request and answer records (compact constructors with the
 * required-field checks and immutable copies, a {@code toString()} that hides sensitive fields, a builder for
 * requests), and open enumerations. Their Javadoc carries the facts the spec gives, never its prose.
 */
final class Records {
    static final ClassName REQUIRED = ClassName.get("io.github.wechatpay4j.api.internal", "Required");
    static final ClassName JSON_NAME = ClassName.get("io.github.wechatpay4j.json", "JsonName");
    static final ClassName ENCRYPTED = ClassName.get("io.github.wechatpay4j.crypto", "Encrypted");
    static final ClassName OPEN_ENUM = ClassName.get("io.github.wechatpay4j.json", "OpenEnum");
    static final ClassName PREPAY_ANSWER = ClassName.get("io.github.wechatpay4j.frontend", "PrepayAnswer");
    static final ClassName DOWNLOAD_LOCATION = ClassName.get("io.github.wechatpay4j.download", "DownloadLocation");
    static final ClassName ENCRYPTED_DOWNLOAD_LOCATION =
            ClassName.get("io.github.wechatpay4j.download", "EncryptedDownloadLocation");
    private static final ClassName STRING = ClassName.get(String.class);

    private static final Set<String> AMOUNT_NAMES = Set.of(
            "total",
            "refund",
            "payer_total",
            "payer_refund",
            "settlement_total",
            "settlement_refund",
            "discount_refund",
            "amount",
            "coupon_amount",
            "transaction_minimum",
            "unit_price",
            "refund_amount");

    private Records() {}

    /**
     * A record and, for a top-level one, its nested declarations.
     *
     * @param d     the declaration
     * @param owner how required-field errors name the class holding it ({@code Jsapi}, {@code Transaction})
     * @param what  the first sentence of its Javadoc, for a top-level record
     */
    static TypeSpec record(Decl d, String owner, String what) {
        if (d.isEnum) {
            return openEnum(d);
        }
        boolean top = d.simpleName.equals(d.qualified);
        List<String> required = d.components.stream()
                .filter(Component::required)
                .map(Component::wire)
                .toList();
        CodeBlock.Builder doc =
                CodeBlock.builder().add("$L.", top ? what : "{@code " + Names.javadoc(d.simpleName) + "}");
        if (d.request && !required.isEmpty()) {
            doc.add(
                    " Required: $L.",
                    String.join(
                            ", ",
                            required.stream()
                                    .map(r -> "{@code " + Names.javadoc(r) + "}")
                                    .toList()));
        }
        if (d.hasEncrypted()) {
            doc.add(
                    "$L {@code toString()} hides them.",
                    d.request
                            ? " Sensitive fields are plaintext here and encrypted by the client;"
                            : " Sensitive fields arrive encrypted to the merchant key;");
        }
        doc.add("\n");
        if (!d.components.isEmpty()) {
            doc.add("\n");
        }
        for (Component c : d.components) {
            String facts = componentFacts(d, c);
            doc.add(
                    "@param $L $L\n",
                    c.java(),
                    "{@code " + Names.javadoc(c.wire()) + "}" + (facts.isEmpty() ? "" : ": " + facts));
        }

        MethodSpec.Builder canonical = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        String label = owner + "." + d.qualified;
        for (Component c : d.components) {
            ParameterSpec.Builder p = ParameterSpec.builder(c.type().type, c.java());
            if (Names.needsJsonName(c.java(), c.wire())) {
                p.addAnnotation(AnnotationSpec.builder(JSON_NAME)
                        .addMember("value", "$S", c.wire())
                        .build());
            }
            if (c.encrypted()) {
                p.addAnnotation(ENCRYPTED);
            }
            canonical.addParameter(p.build());
            if (d.request && c.required()) {
                canonical.addStatement("$T.require($N, $S, $S)", REQUIRED, c.java(), label, c.wire());
            }
            if (c.type().kind == Kind.LIST) {
                canonical.addStatement("$N = $T.list($N)", c.java(), REQUIRED, c.java());
            } else if (c.type().kind == Kind.MAP) {
                canonical.addStatement("$N = $T.map($N)", c.java(), REQUIRED, c.java());
            }
        }
        TypeSpec.Builder t = TypeSpec.recordBuilder(d.simpleName)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(doc.build())
                .recordConstructor(canonical.build());
        List<ClassName> helpers = d.request ? List.of() : helperInterfaces(d);
        t.addSuperinterfaces(helpers);
        if (d.hasEncrypted()) {
            t.addMethod(hidingToString(d));
        }
        if (helpers.contains(DOWNLOAD_LOCATION) || helpers.contains(ENCRYPTED_DOWNLOAD_LOCATION)) {
            t.addMethod(hashAlgorithm(d));
        }
        if (d.request && !d.components.isEmpty()) {
            builder(d, t);
        }
        if (top) {
            for (Decl nested : d.nested.values()) {
                t.addType(record(nested, owner, null));
            }
        }
        return t.build();
    }

    private static MethodSpec hidingToString(Decl d) {
        CodeBlock.Builder b = CodeBlock.builder().add("return $S", d.simpleName + "[");
        for (int i = 0; i < d.components.size(); i++) {
            Component c = d.components.get(i);
            String name = (i == 0 ? "" : ", ") + c.java() + "=";
            if (c.encrypted()) {
                b.add(" + $S + ($N == null ? $S : $S)", name, c.java(), "null", "[hidden]");
            } else {
                b.add(" + $S + $N", name, c.java());
            }
        }
        return MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addStatement(b.add(" + $S", "]").build())
                .build();
    }

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
        if ((c.type().kind == Kind.LONG || c.type().kind == Kind.INT)
                && (AMOUNT_NAMES.contains(c.wire())
                        || c.wire().endsWith("_amount")
                        || c.wire().endsWith("_fee")
                        || d.simpleName.endsWith("Amount")
                                && (c.wire().endsWith("total") || c.wire().endsWith("refund")))) {
            facts.add("an amount in fen (分)");
        }
        if (s != null && s.format() != null) {
            switch (s.format()) {
                case "rfc3339" -> facts.add("an RFC 3339 time");
                case "int64", "int32", "base64", "jsonObjectLike" -> {}
                default -> facts.add("format " + Names.javadoc(s.format()));
            }
        }
        if (c.encrypted()) {
            facts.add(
                    d.request
                            ? "sensitive: give plaintext, the client encrypts it"
                            : "sensitive: arrives encrypted to the merchant key");
        }
        if (s != null && !s.enumValues().isEmpty() && c.type().kind != Kind.ENUM) {
            facts.add("one of "
                    + String.join(
                            ", ",
                            s.enumValues().stream()
                                    .limit(12)
                                    .map(Names::javadoc)
                                    .toList()) + (s.enumValues().size() > 12 ? ", …" : ""));
        }
        if (s != null && s.maxLength() != null) {
            facts.add("at most " + s.maxLength() + " characters");
        }
        if (s != null && s.pattern() != null) {
            facts.add("matches {@code " + braces(Names.javadoc(s.pattern())) + "}");
        }
        if (s != null && s.example() != null && !(s.example() instanceof Map) && !(s.example() instanceof List)) {
            String example = Names.javadoc(String.valueOf(s.example()));
            if (!example.isEmpty() && example.length() <= 80) {
                facts.add("e.g. {@code " + braces(example) + "}");
            }
        }
        return String.join("; ", facts);
    }

    private static String braces(String s) {
        return s.replace("{", "&#123;").replace("}", "&#125;");
    }

    /**
     * The core interfaces an answer record fits, so that the client's helpers take it as it is: a {@code prepay_id}
     * answer is a {@code PrepayAnswer} (front-end payment parameters), a bill query answer a {@code DownloadLocation}
     * (bill download).
     */
    static List<ClassName> helperInterfaces(Decl d) {
        Set<String> strings = new HashSet<>();
        for (Component c : d.components) {
            if (c.type().kind == Kind.STRING) {
                strings.add(c.java());
            }
        }
        List<ClassName> out = new ArrayList<>();
        if (strings.contains("prepayId")) {
            out.add(PREPAY_ANSWER);
        }
        if (strings.containsAll(Set.of("downloadUrl", "hashValue")) && hashType(d) != null) {
            out.add(
                    strings.containsAll(Set.of("encryptKey", "nonce"))
                            ? ENCRYPTED_DOWNLOAD_LOCATION
                            : DOWNLOAD_LOCATION);
        }
        return out;
    }

    /** The {@code hashType} component, as a string or an open enum, or null. */
    private static Component hashType(Decl d) {
        return d.components.stream()
                .filter(c ->
                        c.java().equals("hashType") && (c.type().kind == Kind.STRING || c.type().kind == Kind.ENUM))
                .findFirst()
                .orElse(null);
    }

    /** The bridge {@code DownloadLocation.hashAlgorithm()} needs: the hash type as a string. */
    private static MethodSpec hashAlgorithm(Decl d) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("hashAlgorithm")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addJavadoc(
                        "The {@code hash_type} as a string, for {@code client.downloads().file(DownloadLocation)}.\n");
        return hashType(d).type().kind == Kind.ENUM
                ? m.addStatement("return hashType == null ? null : hashType.value()")
                        .build()
                : m.addStatement("return hashType").build();
    }

    /**
     * A request record's fluent builder: a named setter per component (so two amounts cannot be swapped silently),
     * {@code long}/{@code int}/{@code boolean} overloads for boxed numbers and flags (so {@code total(100)}
     * compiles), {@code build()} through the canonical constructor and its required-field checks, and
     * {@code toBuilder()} to change a copy.
     */
    private static void builder(Decl d, TypeSpec.Builder record) {
        boolean clash = d.nested.containsKey("Builder") || d.simpleName.equals("Builder");
        ClassName self = d.className;
        ClassName b = self.nestedClass(clash ? "RecordBuilder" : "Builder");
        boolean factoryClash = d.components.stream()
                .anyMatch(c -> c.java().equals("builder") || c.java().equals("toBuilder"));
        if (!factoryClash) {
            record.addMethod(MethodSpec.methodBuilder("builder")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(b)
                    .addJavadoc("A builder of {@code $L}.\n", d.simpleName)
                    .addStatement("return new $T()", b)
                    .build());
            CodeBlock.Builder copy = CodeBlock.builder().add("return new $T()", b);
            d.components.forEach(c -> copy.add(".$N($N)", c.java(), c.java()));
            record.addMethod(MethodSpec.methodBuilder("toBuilder")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(b)
                    .addJavadoc("A builder holding this record's values.\n")
                    .addStatement(copy.build())
                    .build());
        }
        TypeSpec.Builder t = TypeSpec.classBuilder(b)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Builds a {@code $L}; {@link #build()} checks the required fields.\n", d.simpleName);
        for (Component c : d.components) {
            t.addField(
                    FieldSpec.builder(c.type().type, c.java(), Modifier.PRIVATE).build());
        }
        t.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Component c : d.components) {
            String doc = "{@code " + Names.javadoc(c.wire()) + "}" + (c.required() ? " (required)" : "")
                    + (c.encrypted() ? ", in plaintext: the client encrypts it" : "") + ".\n";
            t.addMethod(setter(b, c.java(), c.type().type, doc));
            TypeName primitive =
                    c.type().type.isBoxedPrimitive() ? c.type().type.unbox() : null;
            if (primitive != null) {
                t.addMethod(setter(b, c.java(), primitive, doc));
            }
        }
        t.addMethod(MethodSpec.methodBuilder("build")
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addJavadoc("The record; a missing required field is an {@code InvalidRequestException}.\n")
                .addStatement(
                        "return new $T($L)",
                        self,
                        String.join(
                                ", ", d.components.stream().map(Component::java).toList()))
                .build());
        record.addType(t.build());
    }

    private static MethodSpec setter(ClassName builder, String name, TypeName type, String doc) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addJavadoc("$L", doc)
                .addParameter(type, name)
                .addStatement("this.$N = $N", name, name)
                .addStatement("return this")
                .build();
    }

    /**
     * An open enumeration: interned constants for the known values ({@code ==} holds for values read from JSON,
     * through {@code of}), {@code known()} for {@code switch}, and unknown values kept as they are.
     */
    static TypeSpec openEnum(Decl d) {
        ClassName self = d.className;
        ClassName known = self.nestedClass("Known");
        List<String> constants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String v : d.enumValues) {
            String c = Names.constant(v);
            while (!names.add(c) || c.equals("UNKNOWN")) {
                c = c + "_";
            }
            constants.add(c);
        }
        TypeSpec.Builder t = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(OPEN_ENUM)
                .addJavadoc(
                        "Values of {@code $L}: the known ones are constants, so {@code ==} and\n"
                                + "{@code switch (value.known())} work; a value WeChat Pay adds later is kept ({@code known()}"
                                + " is {@code UNKNOWN}).\n",
                        d.simpleName);
        CodeBlock.Builder map = CodeBlock.builder().add("$T.ofEntries(", Map.class);
        for (int k = 0; k < constants.size(); k++) {
            String c = constants.get(k);
            t.addField(FieldSpec.builder(self, c, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T($S, $T.$L)", self, d.enumValues.get(k), known, c)
                    .build());
            map.add(k == 0 ? "\n$>$>" : ",\n").add("$T.entry($L.value, $L)", Map.class, c, c);
        }
        map.add(constants.isEmpty() ? ")" : ")$<$<");
        t.addField(FieldSpec.builder(
                        ParameterizedTypeName.get(ClassName.get(Map.class), STRING, self),
                        "KNOWN",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .initializer(map.build())
                .build());
        t.addField(STRING, "value", Modifier.PRIVATE, Modifier.FINAL);
        t.addField(known, "known", Modifier.PRIVATE, Modifier.FINAL);
        t.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(STRING, "value")
                .addParameter(known, "known")
                .addStatement("this.value = value")
                .addStatement("this.known = known")
                .build());
        t.addMethod(MethodSpec.methodBuilder("of")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addJavadoc("The constant for a known value, or a new instance keeping an unknown one.\n")
                .addParameter(STRING, "value")
                .addStatement(
                        "$T known = KNOWN.get($T.requireNonNull(value, $S))", self, java.util.Objects.class, "value")
                .addStatement("return known != null ? known : new $T(value, $T.UNKNOWN)", self, known)
                .build());
        t.addMethod(MethodSpec.methodBuilder("value")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addJavadoc("The value exactly as WeChat Pay writes it.\n")
                .addStatement("return value")
                .build());
        t.addMethod(MethodSpec.methodBuilder("known")
                .addModifiers(Modifier.PUBLIC)
                .returns(known)
                .addJavadoc("Which known value this is, for {@code switch}; {@code UNKNOWN} for one added later.\n")
                .addStatement("return known")
                .build());
        t.addMethod(MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "o")
                .addStatement("return o instanceof $T other && other.value.equals(value)", self)
                .build());
        t.addMethod(MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return value.hashCode()")
                .build());
        t.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addStatement("return value")
                .build());
        TypeSpec.Builder values = TypeSpec.enumBuilder(known)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The known values of {@code $L}, and {@code UNKNOWN}.\n", d.simpleName);
        constants.forEach(values::addEnumConstant);
        t.addType(values.addEnumConstant("UNKNOWN").build());
        return t.build();
    }
}
