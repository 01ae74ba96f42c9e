package io.github.wechatpay4j.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.api.WechatPayApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The typed API's artifacts as the tests find them: the families of {@code families.json} and where they are. */
final class TypedApiArtifacts {
    private TypedApiArtifacts() {}

    /** Each family's entry point class name ({@code io.github.wechatpay4j.api.payments.PaymentsApi}), by name. */
    static Map<String, String> entryPoints() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (JsonNode f : new ObjectMapper()
                    .readTree(Path.of("../../wechatpay-api/src/main/spec/families.json")
                            .toFile())
                    .get("families")) {
                String name = f.get("name").asText();
                out.put(
                        name,
                        "io.github.wechatpay4j.api." + name + "." + Character.toUpperCase(name.charAt(0))
                                + name.substring(1) + "Api");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The jars (or class directories) of the aggregate and of every family. */
    static Set<Path> locations() {
        Set<Path> out = new LinkedHashSet<>(ClassPathDiscoveryTest.jars(WechatPayApi.class));
        for (String entry : entryPoints().values()) {
            try {
                out.addAll(ClassPathDiscoveryTest.jars(Class.forName(entry)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the family entry point " + entry + " is not on the class path", e);
            }
        }
        return out;
    }
}
