package io.github.wechatpay4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Java shapes of schemas: the generator's intermediate model. */
final class Model {
    private Model() {}

    enum Kind {
        STRING,
        DATETIME,
        LONG,
        INT,
        DECIMAL,
        BOOL,
        ENUM,
        RECORD,
        LIST,
        MAP,
        OBJECT
    }

    /** A Java type: {@code type} is how code refers to it; records and enums have a declaration. */
    static final class JType {
        final Kind kind;
        final TypeName type;
        final JType element;
        final Decl decl;

        JType(Kind kind, TypeName type, JType element, Decl decl) {
            this.kind = kind;
            this.type = type;
            this.element = element;
            this.decl = decl;
        }

        static final JType STRING = new JType(Kind.STRING, ClassName.get(String.class), null, null);
        static final JType DATETIME = new JType(Kind.DATETIME, ClassName.get(OffsetDateTime.class), null, null);
        static final JType LONG = new JType(Kind.LONG, ClassName.get(Long.class), null, null);
        static final JType INT = new JType(Kind.INT, ClassName.get(Integer.class), null, null);
        static final JType DECIMAL = new JType(Kind.DECIMAL, ClassName.get(BigDecimal.class), null, null);
        static final JType BOOL = new JType(Kind.BOOL, ClassName.get(Boolean.class), null, null);
        static final JType MAP = new JType(
                Kind.MAP,
                ParameterizedTypeName.get(
                        ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(Object.class)),
                null,
                null);
        static final JType OBJECT = new JType(Kind.OBJECT, ClassName.get(Object.class), null, null);

        static JType list(JType element) {
            return new JType(
                    Kind.LIST, ParameterizedTypeName.get(ClassName.get(List.class), element.type), element, null);
        }

        /** A generated record or open enum. */
        static JType of(Decl d) {
            return new JType(d.isEnum ? Kind.ENUM : Kind.RECORD, d.className, null, d);
        }
    }

    /** A record component. */
    record Component(String wire, String java, JType type, boolean required, boolean encrypted, Spec.Schema schema) {}

    /** A nested record or open enum declaration. */
    static final class Decl {
        final ClassName className;
        final String simpleName;
        final String qualified; // relative to the node class: PostRequest.Partner
        final boolean isEnum;
        final List<String> enumValues;
        final List<Component> components = new ArrayList<>();
        final boolean request;
        final Map<String, Decl> nested = new LinkedHashMap<>(); // only on top-level records

        Decl(ClassName className, String qualified, boolean isEnum, List<String> enumValues, boolean request) {
            this.className = className;
            this.simpleName = className.simpleName();
            this.qualified = qualified;
            this.isEnum = isEnum;
            this.enumValues = enumValues;
            this.request = request;
        }

        boolean hasEncryptedAnywhere() {
            return hasEncrypted() || nested.values().stream().anyMatch(Decl::hasEncrypted);
        }

        boolean hasEncrypted() {
            return components.stream().anyMatch(Component::encrypted);
        }
    }
}
