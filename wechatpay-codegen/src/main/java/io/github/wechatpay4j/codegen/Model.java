package io.github.wechatpay4j.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Java shapes of schemas: the generator's intermediate model. */
final class Model {
    private Model() {
    }

    enum Kind { STRING, DATETIME, LONG, INT, DECIMAL, BOOL, ENUM, RECORD, LIST, MAP, OBJECT }

    /** A Java type: {@code name} is how code refers to it; records and enums have a declaration. */
    static final class JType {
        final Kind kind;
        final String name;
        final JType element;
        final Decl decl;

        JType(Kind kind, String name, JType element, Decl decl) {
            this.kind = kind;
            this.name = name;
            this.element = element;
            this.decl = decl;
        }

        static final JType STRING = new JType(Kind.STRING, "java.lang.String", null, null);
        static final JType DATETIME = new JType(Kind.DATETIME, "java.time.OffsetDateTime", null, null);
        static final JType LONG = new JType(Kind.LONG, "java.lang.Long", null, null);
        static final JType INT = new JType(Kind.INT, "java.lang.Integer", null, null);
        static final JType DECIMAL = new JType(Kind.DECIMAL, "java.math.BigDecimal", null, null);
        static final JType BOOL = new JType(Kind.BOOL, "java.lang.Boolean", null, null);
        static final JType MAP = new JType(Kind.MAP, "java.util.Map<java.lang.String, java.lang.Object>", null, null);
        static final JType OBJECT = new JType(Kind.OBJECT, "java.lang.Object", null, null);

        static JType list(JType element) {
            return new JType(Kind.LIST, "java.util.List<" + element.name + ">", element, null);
        }
    }

    /** A record component. */
    record Component(String wire, String java, JType type, boolean required, boolean encrypted, Spec.Schema schema) {
    }

    /** A nested record or open enum declaration. */
    static final class Decl {
        final String simpleName;
        final String qualified; // relative to the node class: PostRequest.Partner
        final boolean isEnum;
        final List<String> enumValues;
        final List<Component> components = new ArrayList<>();
        final boolean request;
        final Map<String, Decl> nested = new LinkedHashMap<>(); // only on top-level records

        Decl(String simpleName, String qualified, boolean isEnum, List<String> enumValues, boolean request) {
            this.simpleName = simpleName;
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
