package io.github.wechatpay4j.codegen;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Java names for path segments, JSON properties and enum values. */
public final class Names {
    static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "yield",
            "record",
            "sealed",
            "permits",
            "non-sealed",
            "_",
            // methods every object has: a component or accessor with these names would clash
            "java",
            "io",
            "getClass",
            "hashCode",
            "toString",
            "equals",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");
    private static final Pattern PLAIN_CAMEL = Pattern.compile("[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*");

    private Names() {}

    private static String[] words(String s) {
        return s.replaceAll("[{}]", "").split("[^A-Za-z0-9]+");
    }

    /** {@code out-trade-no} → {@code outTradeNo}; keywords get a trailing {@code _}; a leading digit a {@code _}. */
    public static String camel(String s) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(s)) {
            if (w.isEmpty()) {
                continue;
            }
            if (sb.length() == 0) {
                sb.append(Character.toLowerCase(w.charAt(0))).append(w.substring(1));
            } else {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        String out = sb.length() == 0 ? "value" : sb.toString();
        if (Character.isDigit(out.charAt(0))) {
            out = "_" + out;
        }
        return KEYWORDS.contains(out) ? out + "_" : out;
    }

    /** {@code out-trade-no} → {@code OutTradeNo}. */
    public static String pascal(String s) {
        String c = camel(s);
        if (c.endsWith("_") && KEYWORDS.contains(c.substring(0, c.length() - 1))) {
            c = c.substring(0, c.length() - 1);
        }
        if (c.startsWith("_")) {
            return "N" + c.substring(1);
        }
        return Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }

    /** A package segment: lower case, {@code -} and {@code .} as {@code _}; keywords and leading digits guarded. */
    public static String packageSegment(String s) {
        String p = s.replaceAll("[{}]", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        if (p.isEmpty()) {
            p = "empty";
        }
        if (Character.isDigit(p.charAt(0))) {
            p = "_" + p;
        }
        return KEYWORDS.contains(p) ? p + "_" : p;
    }

    /** {@code SUCCESS}, {@code A-B} → {@code A_B}, {@code 1} → {@code _1}. */
    public static String constant(String value) {
        String c = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "_");
        if (c.isEmpty() || c.chars().allMatch(ch -> ch == '_')) {
            c = "VALUE_" + Integer.toHexString(value.hashCode());
        }
        return Character.isDigit(c.charAt(0)) ? "_" + c : c;
    }

    /** What the JSON codecs write for a Java name: {@code outTradeNo} → {@code out_trade_no}. */
    public static String snake(String javaName) {
        StringBuilder sb = new StringBuilder();
        for (char ch : javaName.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Whether a component named {@code javaName} needs {@code @JsonName} to be written as {@code wire}. */
    public static boolean needsJsonName(String javaName, String wire) {
        return !PLAIN_CAMEL.matcher(javaName).matches() || !snake(javaName).equals(wire);
    }

    /** {@code s} safe inside a Javadoc comment: HTML escaped, no comment end, no unicode escapes, no tags. */
    public static String javadoc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "&#64;")
                .replace("\\", "&#92;")
                .replace("\r", " ")
                .replace("\n", " ")
                .strip();
    }
}
