package io.github.wechatpay4j.v2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * What APIv2 operations do differently, read once from {@code apiv2-facts.tsv} (each fact with its source): which
 * take no {@code nonce_str}, and whose answers WeChat Pay does not sign.
 *
 * @param noNonce        paths on the wire that take no {@code nonce_str}
 * @param unsignedAnswer paths on the wire whose answers carry no {@code sign}
 */
record ApiV2Facts(Set<String> noNonce, Set<String> unsignedAnswer) {
    static final ApiV2Facts BUILT_IN = load();

    private static ApiV2Facts load() {
        Set<String> noNonce = new HashSet<>();
        Set<String> unsigned = new HashSet<>();
        try (InputStream in = ApiV2Facts.class.getResourceAsStream("apiv2-facts.tsv")) {
            if (in == null) {
                throw new IllegalStateException("apiv2-facts.tsv is missing from wechatpay-v2's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                switch (cells[1]) {
                    case "no-nonce" -> noNonce.add(cells[0]);
                    case "unsigned-answer" -> unsigned.add(cells[0]);
                    default -> throw new IllegalStateException("apiv2-facts.tsv: unknown fact " + cells[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApiV2Facts(Set.copyOf(noNonce), Set.copyOf(unsigned));
    }
}
