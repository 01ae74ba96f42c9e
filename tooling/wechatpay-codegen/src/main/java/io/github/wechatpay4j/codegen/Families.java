package io.github.wechatpay4j.codegen;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed API's artifacts ({@code src/main/spec/families.json}): each family owns the paths under its prefixes and
 * becomes the artifact {@code wechatpay-api-<name>}, with its own entry point {@code <Name>Api} in the package
 * {@code io.github.wechatpay4j.api.<name>}. The aggregate {@code wechatpay-api} depends on all of them.
 *
 * @param families the families, in the file's order
 */
public record Families(List<Family> families) {

    /** Names a family cannot take: they are path packages ({@code api.v3}) or the base artifact's packages. */
    static final Set<String> RESERVED = Set.of("v3", "global", "hk", "model", "internal", "contract", "base", "all");

    /**
     * One artifact of the typed API.
     *
     * @param name     the artifact suffix and package segment ({@code payments})
     * @param title    what it covers, for its Javadoc and POM
     * @param prefixes the paths it owns, each a whole number of segments ({@code /v3/pay})
     */
    public record Family(String name, String title, List<String> prefixes) {

        public Family {
            if (name == null || !name.matches("[a-z][a-z0-9]*") || RESERVED.contains(name)) {
                throw new IllegalStateException(
                        "a family name must be lower-case letters and digits and not one of " + RESERVED + ": " + name);
            }
            prefixes = List.copyOf(prefixes);
            for (String p : prefixes) {
                if (!p.matches("(/[A-Za-z0-9_-]+)+")) {
                    throw new IllegalStateException(
                            "the family " + name + " has a prefix that is not a static path: " + p);
                }
            }
        }

        /** The entry point's simple name: {@code PaymentsApi}. */
        public String entryClass() {
            return Names.pascal(name) + "Api";
        }

        /** The package of the entry point and its upper nodes. */
        public String entryPackage() {
            return Generator.BASE + "." + name;
        }

        /** The JPMS module and Maven artifact names. */
        public String module() {
            return Generator.BASE + "." + name;
        }

        public String artifactId() {
            return "wechatpay-api-" + name;
        }
    }

    public Families {
        families = List.copyOf(families);
        Map<String, String> owner = new HashMap<>();
        for (Family f : families) {
            for (String p : f.prefixes()) {
                String before = owner.put(p, f.name());
                if (before != null) {
                    throw new IllegalStateException(p + " is claimed by the families " + before + " and " + f.name());
                }
            }
        }
        for (String p : owner.keySet()) {
            for (String q : owner.keySet()) {
                if (!p.equals(q) && q.startsWith(p + "/")) {
                    throw new IllegalStateException(q + " lies under " + p + ": a family owns a prefix whole");
                }
            }
        }
    }

    /** No families: the typed API in one module. */
    public static Families none() {
        return new Families(List.of());
    }

    /** Reads a families file. */
    public static Families read(Path file) {
        try {
            return JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(Files.readAllBytes(file), Families.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the families " + file + ": " + e.getMessage(), e);
        }
    }

    /** The family that owns {@code path}, with the prefix that claims it. */
    public Optional<Map.Entry<Family, String>> owner(String path) {
        for (Family f : families) {
            for (String p : f.prefixes()) {
                if (path.equals(p) || path.startsWith(p + "/")) {
                    return Optional.of(Map.entry(f, p));
                }
            }
        }
        return Optional.empty();
    }

    /** The family named {@code name}. */
    public Family named(String name) {
        return families.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no family " + name + " in "
                        + families.stream().map(Family::name).toList()));
    }
}
