package io.github.wechatpay4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.wechatpay4j.codegen.Generator.Node;
import io.github.wechatpay4j.codegen.Generator.OpInfo;
import io.github.wechatpay4j.codegen.Model.Component;
import io.github.wechatpay4j.codegen.Model.Decl;
import io.github.wechatpay4j.codegen.Model.Kind;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chain's classes as JavaPoet types: one class per path node with an accessor per child (a placeholder's takes
 * its value), the node's operations as methods (blocking, {@code …Async}, with {@code Options}, with an
 * {@code Idempotency-Key}; a file operation returns a {@code Download}), their records nested in it; and the entry
 * points ({@code WechatPayApi}, a family's {@code PaymentsApi}).
 */
final class Nodes {
    static final ClassName ROUTE = ClassName.get("io.github.wechatpay4j.api.internal", "Route");
    static final ClassName OPTIONS = ClassName.get("io.github.wechatpay4j", "Options");
    static final ClassName API_RESPONSE = ClassName.get("io.github.wechatpay4j", "ApiResponse");
    static final ClassName DOWNLOAD = ClassName.get("io.github.wechatpay4j.download", "Download");
    static final ClassName URI = ClassName.get("java.net", "URI");
    static final ClassName MEDIA = ClassName.get("io.github.wechatpay4j", "Media");
    static final ClassName CLIENT = ClassName.get("io.github.wechatpay4j", "WechatPay");
    static final ClassName FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
    private static final ClassName STRING = ClassName.get(String.class);
    private static final String OPTIONS_DOC = "more headers, a business key, a retry policy; no body";

    private final Generator g;

    Nodes(Generator g) {
        this.g = g;
    }

    /** The class of {@code n} as seen from {@code view} (a family, or null for the aggregate and one module). */
    TypeSpec node(Node n, Families.Family view) {
        ClassName self = g.classOf(n, view);
        Families.Family owner = view != null ? view : Generator.ownerOf(n);
        TypeSpec.Builder t = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addField(FieldSpec.builder(ROUTE, "route", Modifier.PRIVATE, Modifier.FINAL)
                        .build());
        if (n == g.root()) {
            t.addJavadoc("$L", view == null ? aggregateDoc() : familyDoc(view));
            t.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(ROUTE, "route")
                    .addStatement("this.route = route")
                    .build());
            t.addMethod(MethodSpec.methodBuilder("of")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self)
                    .addJavadoc("The typed API over {@code client} (which signs, sends and verifies).\n")
                    .addParameter(CLIENT, "client")
                    .addStatement("return new $T($T.of(client, $S))", self, ROUTE, self.simpleName())
                    .build());
            t.addMethod(MethodSpec.methodBuilder("client")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(CLIENT)
                    .addJavadoc("The client the calls go through.\n")
                    .addStatement("return route.client()")
                    .build());
        } else {
            CodeBlock.Builder doc =
                    CodeBlock.builder().add("The endpoint {@code $L}", Names.javadoc(Generator.pathOf(n)));
            if (!n.ops.isEmpty()) {
                doc.add(
                        ": $L",
                        String.join(
                                ", ",
                                n.ops.stream()
                                        .map(o -> "{@link #" + g.info(o).verb + " " + o.method() + "} ("
                                                + Names.javadoc(o.summary()) + ")")
                                        .toList()));
            }
            ClassName entry = owner == null
                    ? ClassName.get(Generator.BASE, "WechatPayApi")
                    : ClassName.get(owner.entryPackage(), owner.entryClass());
            doc.add(
                    ".\nReached through {@link $L}$L; immutable and thread-safe.\n",
                    entry.canonicalName(),
                    owner == null ? "" : " (or {@code WechatPayApi} of the aggregate {@code wechatpay-api})");
            t.addJavadoc(doc.build());
            t.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(ROUTE, "route")
                    .addJavadoc("Made by the chain; the route carries the client and the path values so far.\n")
                    .addStatement("this.route = route")
                    .build());
        }
        for (Node c : n.children.values()) {
            if (!c.placeholder && g.sees(view, c)) {
                ClassName type = g.classOf(c, view);
                t.addMethod(MethodSpec.methodBuilder(c.accessor)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(type)
                        .addJavadoc("{@code $L}.\n", Names.javadoc(Generator.pathOf(c)))
                        .addStatement("return new $T(route)", type)
                        .build());
            }
        }
        for (Node c : n.children.values()) {
            for (Node gc : c.children.values()) {
                if (gc.valueHolder == n && g.sees(view, gc)) {
                    t.addMethod(valueAccessor(gc));
                }
            }
            if (c.valueHolder == n && g.sees(view, c)) {
                t.addMethod(valueAccessor(c));
            }
        }
        for (Spec.Operation op : n.ops) {
            operation(t, n, g.info(op));
        }
        for (Spec.Operation op : n.ops) {
            OpInfo info = g.info(op);
            for (Decl top : info.scope.tops.values()) {
                t.addType(Records.record(top, n.cls, what(top, info)));
            }
        }
        return t.build();
    }

    private static String what(Decl top, OpInfo info) {
        String what = top.request
                ? (top.simpleName.endsWith("Query") || info.query == top ? "The query parameters" : "The request body")
                : "The answer";
        return what + " of {@code " + info.op.method() + " " + Names.javadoc(info.op.path()) + "}";
    }

    private static MethodSpec valueAccessor(Node placeholder) {
        String param = Names.camel(placeholder.param);
        return MethodSpec.methodBuilder(placeholder.valueAccessor)
                .addModifiers(Modifier.PUBLIC)
                .returns(placeholder.className())
                .addParameter(STRING, param)
                .addJavadoc(
                        "{@code $L}, with {@code {$L}} set to {@code $L}.\n",
                        Names.javadoc(Generator.pathOf(placeholder)),
                        placeholder.param,
                        param)
                .addStatement("return new $T(route.with($S, $N))", placeholder.className(), placeholder.param, param)
                .build();
    }

    private void operation(TypeSpec.Builder t, Node n, OpInfo info) {
        Spec.Operation op = info.op;
        String constant = info.verb.toUpperCase(Locale.ROOT) + "_PATH";
        String options = info.verb + "Options";
        TypeName ret = info.returnType();
        CodeBlock doc = doc(op, info);
        t.addField(FieldSpec.builder(STRING, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The path template of {@code $L}.\n", op.method())
                .initializer("$S", info.template)
                .build());
        String args = String.join(", ", info.args);
        String argsThen = args.isEmpty() ? "" : args + ", ";
        List<ParameterSpec> withOptions = new ArrayList<>(info.params);
        withOptions.add(ParameterSpec.builder(OPTIONS, "options").build());
        if (info.link()) {
            t.addMethod(MethodSpec.methodBuilder("link")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(URI)
                    .addJavadoc(doc)
                    .addJavadoc(
                            "<p>A page the payer's browser opens: this is its address, the query signed by the APIv2"
                                    + " scheme; nothing is sent.\n")
                    .addParameters(info.params)
                    .addStatement("return route.link($N, $N($L$T.none()))", constant, options, argsThen, OPTIONS)
                    .build());
            t.addMethod(optionsMethod(n, info, withOptions, options));
            return;
        }
        if (info.download()) {
            String optionsDoc = "more headers ({@code Accept-Encoding: gzip} for a statement); no body";
            t.addMethod(method(info.verb, DOWNLOAD, doc, info.params)
                    .addStatement("return $N($L$T.none())", info.verb, argsThen, OPTIONS)
                    .build());
            t.addMethod(method(info.verb, DOWNLOAD, withParam(doc, "options", optionsDoc), withOptions)
                    .addStatement("return route.download($N, $N($Loptions))", constant, options, argsThen)
                    .build());
            if (info.noArgForm) {
                t.addMethod(method(info.verb, DOWNLOAD, doc, List.of())
                        .addStatement("return $N($L)", info.verb, emptyQuery(info))
                        .build());
            }
            t.addMethod(optionsMethod(n, info, withOptions, options));
            return;
        }
        TypeName future = ParameterizedTypeName.get(FUTURE, ret);
        t.addMethod(method(info.verb, ret, doc, info.params)
                .addStatement("return $N($L$T.none())", info.verb, argsThen, OPTIONS)
                .build());
        t.addMethod(method(info.verb, ret, withParam(doc, "options", OPTIONS_DOC), withOptions)
                .addStatement(
                        "$T response = route.send($S, $N, $N($Loptions))",
                        API_RESPONSE,
                        op.method(),
                        constant,
                        options,
                        argsThen)
                .addStatement("return $L", convert(info))
                .build());
        t.addMethod(method(info.verb + "Async", future, doc, info.params)
                .addStatement("return $NAsync($L$T.none())", info.verb, argsThen, OPTIONS)
                .build());
        CodeBlock async =
                CodeBlock.of("route.sendAsync($S, $N, () -> $N($Loptions))", op.method(), constant, options, argsThen);
        t.addMethod(method(info.verb + "Async", future, withParam(doc, "options", OPTIONS_DOC), withOptions)
                .addStatement(
                        info.responseType == null
                                ? CodeBlock.of("return $L", async)
                                : CodeBlock.of("return $L\n.thenApply(response -> $L)", async, convert(info)))
                .build());
        if (info.noArgForm) {
            t.addMethod(method(info.verb, ret, doc, List.of())
                    .addStatement("return $N($L)", info.verb, emptyQuery(info))
                    .build());
            t.addMethod(method(info.verb + "Async", future, doc, List.of())
                    .addStatement("return $NAsync($L)", info.verb, emptyQuery(info))
                    .build());
        }
        if (op.idempotencyKey()) {
            List<ParameterSpec> withKey = new ArrayList<>(info.params);
            withKey.add(ParameterSpec.builder(STRING, "idempotencyKey").build());
            CodeBlock keyDoc =
                    withParam(doc, "idempotencyKey", "the {@code Idempotency-Key}: keep it to resend the same request");
            t.addMethod(method(info.verb, ret, keyDoc, withKey)
                    .addStatement(
                            "return $N($L$T.none().withIdempotencyKey(idempotencyKey))", info.verb, argsThen, OPTIONS)
                    .build());
            t.addMethod(method(info.verb + "Async", future, keyDoc, withKey)
                    .addStatement(
                            "return $NAsync($L$T.none().withIdempotencyKey(idempotencyKey))",
                            info.verb,
                            argsThen,
                            OPTIONS)
                    .build());
        }
        t.addMethod(optionsMethod(n, info, withOptions, options));
    }

    private static MethodSpec.Builder method(String name, TypeName returns, CodeBlock doc, List<ParameterSpec> params) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addJavadoc(doc)
                .addParameters(params);
    }

    /** The query record with every (optional) component null: the no-argument form. */
    private static CodeBlock emptyQuery(OpInfo info) {
        return CodeBlock.of(
                "new $T($L)",
                info.query.className,
                String.join(
                        ", ", info.query.components.stream().map(c -> "null").toList()));
    }

    private static CodeBlock convert(OpInfo info) {
        if (info.responseType == null) {
            return CodeBlock.of("response");
        }
        if (info.responseType.kind == Kind.MAP) {
            return CodeBlock.of("response.asMap()");
        }
        return CodeBlock.of("response.as($T.class)", info.responseType.type);
    }

    /** The private method that turns the arguments into {@code Options}, checking the required ones. */
    private static MethodSpec optionsMethod(Node n, OpInfo info, List<ParameterSpec> params, String name) {
        Spec.Operation op = info.op;
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .returns(OPTIONS)
                .addParameters(params)
                .addStatement("$T o = route.options(options)", OPTIONS);
        String owner = n.cls + "." + info.verb;
        if (info.query != null) {
            String q = info.body != null || info.bodyType != null ? "query" : "request";
            m.addStatement("$T.require($N, $S, $S)", Records.REQUIRED, q, owner, q);
            for (Component c : info.query.components) {
                m.addStatement(
                        "o = route.$L(o, $S, $N.$N())",
                        c.encrypted() ? "encryptedQuery" : "query",
                        c.wire(),
                        q,
                        c.java());
            }
        }
        if (info.bodyType != null) {
            m.addStatement(
                    "o = o.$L($T.require(request, $S, $S))",
                    op.api().equals("v2") ? "withXmlFields" : "withJson",
                    Records.REQUIRED,
                    owner,
                    "request");
        }
        if (info.upload) {
            m.addStatement("$T m = $T.require(media, $S, $S)", MEDIA, Records.REQUIRED, owner, "media");
            if (info.meta != null) {
                m.addStatement("m = m.withMeta($T.require(meta, $S, $S))", Records.REQUIRED, owner, "meta");
            }
            if (info.form != null) {
                m.addStatement("$T.require(form, $S, $S)", Records.REQUIRED, owner, "form");
                for (Component c : info.form.components) {
                    m.beginControlFlow("if (form.$N() != null)", c.java())
                            .addStatement("m = m.withField($S, form.$N())", c.wire(), c.java())
                            .endControlFlow();
                }
            }
            m.addStatement("o = o.withUpload(m)");
        }
        if (op.serialRequired()) {
            m.addStatement("o = o.withWechatpaySerial()");
        }
        return m.addStatement("return o").build();
    }

    private static CodeBlock withParam(CodeBlock doc, String name, String text) {
        return doc.toBuilder().add("@param $L $L\n", name, text).build();
    }

    private static CodeBlock doc(Spec.Operation op, OpInfo info) {
        StringBuilder sb = new StringBuilder(Names.javadoc(op.summary()))
                .append(": {@code ")
                .append(op.method())
                .append(" ")
                .append(Names.javadoc(op.path()))
                .append("}");
        if (op.host() != null) {
            sb.append(" (served by {@code ")
                    .append(Names.javadoc(op.host()))
                    .append("}: build the client with that base URL)");
        }
        sb.append(".\n");
        if (op.deprecated()) {
            sb.append("<p><b>Deprecated by WeChat Pay.</b>\n");
        }
        if (op.idempotencyKey()) {
            sb.append("<p>Carries an {@code Idempotency-Key}: generated by the client and kept across its retries,"
                    + " unless given.\n");
        }
        if (op.serialRequired()) {
            sb.append("<p>Sensitive fields are given in plaintext: the client encrypts them with a platform key and"
                    + " sets\n{@code Wechatpay-Serial}.\n");
        }
        if (info.response != null && info.response.hasEncryptedAnywhere()) {
            sb.append(
                    "<p>Some answer fields are encrypted to the merchant key: {@code client.decryptFields(answer)}.\n");
        }
        if (info.download()) {
            sb.append("<p>Answers a file")
                    .append(op.unsigned() ? ", unsigned" : ", signed through its SHA-1")
                    .append(": the {@link ")
                    .append(DOWNLOAD.canonicalName())
                    .append("} sends the signed request when written ({@code toFile},\n{@code to}, {@code toBytes}),"
                            + " checking its hash where one is given with {@code expect}.\n");
        } else if (info.responseType == null) {
            sb.append("<p>Answers {@code ")
                    .append(op.status())
                    .append("}")
                    .append(op.response() == null ? " without a body" : "")
                    .append(": the {@link ")
                    .append(API_RESPONSE.canonicalName())
                    .append("} carries the status and {@code Request-ID}.\n");
        }
        if (op.docUrl() != null) {
            sb.append("@see <a href=\"")
                    .append(op.docUrl().replace("\"", "%22"))
                    .append("\">official documentation</a>\n");
        }
        sb.append(
                "@throws io.github.wechatpay4j.WechatPayException (a subtype) on a refused, failed or unverifiable call\n");
        return CodeBlock.of("$L", sb.toString());
    }

    private static String aggregateDoc() {
        return """
                The typed WeChat Pay API over a client: every operation of the spec by its path, as a chain.

                <pre>{@code
                WechatPayApi api = WechatPayApi.of(client);
                api.v3().marketing().partnerships().build().post(request);
                api.v3().pay().transactions().id(transactionId).get(query);
                }</pre>

                Typed calls go through {@link io.github.wechatpay4j.WechatPay#chain(String)}: one execution path for
                signing, verification, retries and errors. Immutable and thread-safe. A service that needs only
                some families depends on their artifacts instead ({@code wechatpay-api-payments} and its
                {@code PaymentsApi}, ...): the chain is the same.
                """;
    }

    private String familyDoc(Families.Family f) {
        StringBuilder sb = new StringBuilder("The typed WeChat Pay API for ")
                .append(Names.javadoc(f.title()))
                .append(" (the artifact {@code ")
                .append(f.artifactId())
                .append("}): the operations under\n")
                .append(String.join(
                        ", ",
                        f.prefixes().stream().map(p -> "{@code " + p + "}").toList()))
                .append(", by the same chain as {@code WechatPayApi} of the aggregate {@code wechatpay-api}.\n\n")
                .append("<pre>{@code\n")
                .append(f.entryClass())
                .append(" api = ")
                .append(f.entryClass())
                .append(".of(client);\n");
        for (Node r : g.roots(f)) {
            List<String> chain = new ArrayList<>();
            for (Node x = r; x != g.root(); x = x.parent) {
                chain.add(0, x.accessor + "()");
            }
            sb.append("api.").append(String.join(".", chain)).append("...\n");
        }
        return sb.append("}</pre>\n\n")
                .append("Typed calls go through {@link io.github.wechatpay4j.WechatPay#chain(String)}: one execution")
                .append(" path for\nsigning, verification, retries and errors. Immutable and thread-safe.\n")
                .toString();
    }
}
