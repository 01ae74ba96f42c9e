package io.github.wechatpay4j.http;

import io.github.wechatpay4j.InvalidRequestException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers. Names keep the case they were first given in (that is what
 * goes on the wire) and keep insertion order; look-ups ignore case. Every "modifying" method returns a new instance.
 *
 * <p>Names must be RFC 9110 tokens and values must not contain CR, LF or NUL, so a header can never smuggle another
 * one in. {@link #toString()} redacts credentials ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}).
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(new LinkedHashMap<>());
    private static final Set<String> REDACTED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    /** Lower-cased name → (name as first given, values). */
    private final Map<String, Field> fields;

    private record Field(String name, List<String> values) {}

    private Headers(Map<String, Field> fields) {
        this.fields = fields;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Headers from alternating names and values: {@code Headers.of("Accept", "application/json", "X-A", "1")}.
     *
     * @throws InvalidRequestException for an odd count, a {@code null}, an invalid name or value
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues == null || namesAndValues.length % 2 != 0) {
            throw new InvalidRequestException("Headers.of takes names and values in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** Headers copied from a map of names to values (for example an HTTP library's header map). */
    public static Headers of(Map<String, ? extends List<String>> map) {
        if (map == null) {
            throw new InvalidRequestException("headers map must not be null");
        }
        Builder b = builder();
        map.forEach((name, values) -> {
            if (values == null) {
                throw new InvalidRequestException("header " + name + " has a null value list");
            }
            for (String v : values) {
                b.add(name, v);
            }
        });
        return b.build();
    }

    /**
     * Whether {@code name} is a header that belongs to the connection rather than to the request ({@code Host},
     * {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection} and the other hop-by-hop headers). A
     * transport sets these itself and does not copy them from an {@link HttpRequest}.
     */
    public static boolean isConnectionManaged(String name) {
        return name != null && CONNECTION_MANAGED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final Set<String> CONNECTION_MANAGED = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "transfer-encoding",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection");

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder that starts with these headers. */
    public Builder toBuilder() {
        LinkedHashMap<String, Field> copy = new LinkedHashMap<>();
        fields.forEach((k, f) -> copy.put(k, new Field(f.name, new ArrayList<>(f.values))));
        return new Builder(copy);
    }

    /** The first value of the header, if present. */
    public Optional<String> first(String name) {
        Field f = name == null ? null : fields.get(lower(name));
        return f == null ? Optional.empty() : Optional.of(f.values.get(0));
    }

    /** All values of the header, in order; empty when absent. */
    public List<String> all(String name) {
        Field f = name == null ? null : fields.get(lower(name));
        return f == null ? List.of() : f.values;
    }

    public boolean contains(String name) {
        return name != null && fields.containsKey(lower(name));
    }

    /** Header names, in insertion order, in the case first given. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        fields.values().forEach(f -> names.add(f.name));
        return Collections.unmodifiableList(names);
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Calls {@code action} once per (name, value), in order. */
    public void forEach(BiConsumer<String, String> action) {
        fields.values().forEach(f -> f.values.forEach(v -> action.accept(f.name, v)));
    }

    /** An unmodifiable map of name (as first given) to values, in insertion order. */
    public Map<String, List<String>> toMap() {
        LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
        fields.values().forEach(f -> map.put(f.name, f.values));
        return Collections.unmodifiableMap(map);
    }

    /** These headers with {@code name} set to the single {@code value}, replacing any previous values. */
    public Headers with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    /** These headers with every header of {@code other} set, replacing same-named ones. */
    public Headers withAll(Headers other) {
        if (other == null) {
            throw new InvalidRequestException("headers must not be null; use Headers.empty()");
        }
        Builder b = toBuilder();
        other.fields.values().forEach(f -> {
            b.remove(f.name);
            f.values.forEach(v -> b.add(f.name, v));
        });
        return b.build();
    }

    /** These headers without {@code name}. */
    public Headers without(String name) {
        return toBuilder().remove(name).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Headers other) || other.fields.size() != fields.size()) {
            return false;
        }
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            Field f = other.fields.get(e.getKey());
            if (f == null || !f.values.equals(e.getValue().values)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            h += e.getKey().hashCode() ^ e.getValue().values.hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, f) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(f.name).append('=').append(REDACTED.contains(k) ? "[redacted]" : String.join(",", f.values));
        });
        return sb.append('}').toString();
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Builds {@link Headers}; not thread-safe, meant to be used and dropped. */
    public static final class Builder {
        private final LinkedHashMap<String, Field> fields;

        private Builder(LinkedHashMap<String, Field> fields) {
            this.fields = fields;
        }

        /** Adds a value, keeping existing values of the same header. */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            fields.computeIfAbsent(lower(name), k -> new Field(name, new ArrayList<>()))
                    .values
                    .add(value);
            return this;
        }

        /** Sets a header to one value, replacing existing values (and the name's case). */
        public Builder set(String name, String value) {
            checkName(name);
            checkValue(name, value);
            List<String> values = new ArrayList<>(1);
            values.add(value);
            fields.put(lower(name), new Field(name, values));
            return this;
        }

        public Builder remove(String name) {
            if (name != null) {
                fields.remove(lower(name));
            }
            return this;
        }

        public Headers build() {
            if (fields.isEmpty()) {
                return EMPTY;
            }
            LinkedHashMap<String, Field> frozen = new LinkedHashMap<>();
            fields.forEach((k, f) -> frozen.put(k, new Field(f.name, List.copyOf(f.values))));
            return new Headers(frozen);
        }

        private static void checkName(String name) {
            if (name == null || name.isEmpty()) {
                throw new InvalidRequestException("a header name must not be null or empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!isTokenChar(c)) {
                    throw new InvalidRequestException("header name '" + printable(name)
                            + "' contains a character not allowed in an HTTP header name");
                }
            }
        }

        private static void checkValue(String name, String value) {
            Objects.requireNonNull(name);
            if (value == null) {
                throw new InvalidRequestException("header " + name + " has a null value");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new InvalidRequestException(
                            "the value of header " + name + " contains CR, LF or NUL, which would split the header");
                }
            }
        }

        private static boolean isTokenChar(char c) {
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                return true;
            }
            return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }

        private static String printable(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                sb.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
            return sb.toString();
        }
    }
}
