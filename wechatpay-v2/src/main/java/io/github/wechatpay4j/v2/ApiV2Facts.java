package io.github.wechatpay4j.v2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What APIv2 operations do differently, read once from two tables: {@code apiv2-facts.tsv} (from the reference SDKs,
 * each fact with its source: which operations take no {@code nonce_str}, whose answers WeChat Pay does not sign) and
 * {@code apiv2-operations.tsv} (generated from the spec: the client certificate, the sign types, the names of the
 * merchant and app ID fields).
 *
 * @param noNonce        paths on the wire that take no {@code nonce_str}
 * @param unsignedAnswer paths on the wire whose answers carry no {@code sign}
 * @param operations     the spec's facts by path on the wire
 */
record ApiV2Facts(Set<String> noNonce, Set<String> unsignedAnswer, Map<String, Operation> operations) {
    static final ApiV2Facts BUILT_IN = load();

    /** How an operation's {@code sign_type} is filled in. */
    enum SignTypeField {
        /** The operation takes no {@code sign_type}: MD5, which the field would name, is its only algorithm. */
        NONE,
        /** {@code sign_type} is sent when the algorithm is not MD5 (APIv2's default). */
        OPTIONAL,
        /** {@code sign_type} is always sent. */
        REQUIRED
    }

    /**
     * One operation's facts from the spec.
     *
     * @param certificateRequired the call presents the merchant's API client certificate
     * @param signTypes           the algorithms {@code sign_type} accepts (all when the spec names none)
     * @param field               how {@code sign_type} is filled in
     * @param merchantField       the field naming the merchant: {@code mch_id}, {@code mchid} or {@code combine_mch_id}
     * @param appField            the field naming the app ID ({@code appid}, {@code mch_appid}, {@code wxappid},
     *                            {@code combine_appid}), or {@code null} when the operation takes none
     * @param nonceTaken          whether the spec lists {@code nonce_str} among the fields (what a GET's query
     *                            follows; a POST follows the reference SDKs' no-nonce list)
     */
    record Operation(
            boolean certificateRequired,
            Set<SignType> signTypes,
            SignTypeField field,
            String merchantField,
            String appField,
            boolean nonceTaken) {
        /**
         * An operation the spec does not describe: no certificate, any sign type, {@code sign_type} when not MD5,
         * {@code mch_id} and {@code appid}.
         */
        static final Operation UNKNOWN = new Operation(
                false,
                Collections.unmodifiableSet(EnumSet.allOf(SignType.class)),
                SignTypeField.OPTIONAL,
                "mch_id",
                "appid",
                true);

        /** The algorithm a request without {@code sign_type} is signed with, the client preferring {@code preferred}. */
        SignType signTypeFor(SignType preferred) {
            if (field == SignTypeField.NONE) {
                return SignType.MD5;
            }
            return signTypes.contains(preferred)
                    ? preferred
                    : signTypes.iterator().next();
        }

        /** Whether {@code sign_type} is written for {@code type}. */
        boolean sendsSignType(SignType type) {
            return field == SignTypeField.REQUIRED || field == SignTypeField.OPTIONAL && type != SignType.MD5;
        }
    }

    /** The facts of the operation at {@code wirePath}. */
    Operation operation(String wirePath) {
        return operations.getOrDefault(wirePath, Operation.UNKNOWN);
    }

    private static ApiV2Facts load() {
        Set<String> noNonce = new HashSet<>();
        Set<String> unsigned = new HashSet<>();
        read("apiv2-facts.tsv", cells -> {
            switch (cells[1]) {
                case "no-nonce" -> noNonce.add(cells[0]);
                case "unsigned-answer" -> unsigned.add(cells[0]);
                default -> throw new IllegalStateException("apiv2-facts.tsv: unknown fact " + cells[1]);
            }
        });
        Map<String, Operation> operations = new HashMap<>();
        read("apiv2-operations.tsv", cells -> {
            Set<SignType> types = EnumSet.noneOf(SignType.class);
            if (cells[3].equals("*") || cells[3].equals("-")) {
                types.addAll(EnumSet.allOf(SignType.class));
            } else {
                for (String name : cells[3].split("\\|")) {
                    types.add(SignType.fromWire(name)
                            .orElseThrow(() -> new IllegalStateException("apiv2-operations.tsv: sign type " + name)));
                }
            }
            SignTypeField field = SignTypeField.valueOf(cells[4].toUpperCase(java.util.Locale.ROOT));
            operations.put(
                    cells[1],
                    new Operation(
                            cells[2].equals("required"),
                            Collections.unmodifiableSet(types),
                            field,
                            cells[5],
                            cells[6].equals("-") ? null : cells[6],
                            cells[7].equals("taken")));
        });
        return new ApiV2Facts(Set.copyOf(noNonce), Set.copyOf(unsigned), Map.copyOf(operations));
    }

    private static void read(String resource, Consumer<String[]> line) {
        try (InputStream in = ApiV2Facts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from wechatpay-v2's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l; (l = reader.readLine()) != null; ) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    line.accept(l.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
