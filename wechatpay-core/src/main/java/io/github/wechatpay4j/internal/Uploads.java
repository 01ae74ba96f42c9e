package io.github.wechatpay4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Multipart bodies for WeChat Pay uploads, and the limits WeChat Pay sets on the known upload endpoints.
 * The body is built here, in core, so that every transport sends identical bytes.
 */
public final class Uploads {
    /** What one upload endpoint accepts: file extensions, each with its largest size. */
    public record Rule(String endpoint, Map<String, Long> maxBytesByExtension) {
        public Optional<Long> limitFor(String extension) {
            return Optional.ofNullable(maxBytesByExtension.get(extension));
        }

        public Set<String> extensions() {
            return maxBytesByExtension.keySet();
        }
    }

    private static final long MIB = 1024L * 1024;
    private static final Map<String, Long> IMAGES_5M =
            Map.of("jpg", 5 * MIB, "jpeg", 5 * MIB, "bmp", 5 * MIB, "png", 5 * MIB, "pdf", 15 * MIB / 2);
    private static final Map<String, Long> IMAGES_2M =
            Map.of("jpg", 2 * MIB, "jpeg", 2 * MIB, "bmp", 2 * MIB, "png", 2 * MIB);
    private static final Map<String, Long> VIDEOS_5M = Stream.of(
                    "avi", "wmv", "mpeg", "mpg", "mp4", "mov", "mkv", "flv", "f4v", "m4v", "rmvb")
            .collect(Collectors.toUnmodifiableMap(e -> e, e -> 5 * MIB));
    private static final Map<String, Rule> RULES = Map.of(
            "/v3/merchant/media/upload", new Rule("/v3/merchant/media/upload", IMAGES_5M),
            "/v3/merchant/media/video_upload", new Rule("/v3/merchant/media/video_upload", VIDEOS_5M),
            "/v3/marketing/favor/media/image-upload", new Rule("/v3/marketing/favor/media/image-upload", IMAGES_2M));

    /**
     * How an endpoint's {@code meta} names the file: the multipart part that carries it, the member holding its
     * name (or none), the member holding its digest, the digest's type and letter case, and a member naming the
     * digest algorithm (or none). Facts from the spec's meta schemas and their examples; wechatpay-api's
     * {@code CorrectedSpecTest} checks that every upload endpoint's meta has these members.
     *
     * @param filePart       the part name of the file ({@code file} for most)
     * @param filenameField  the member for the file name, or {@code null}
     * @param digestField    the member for the digest
     * @param hashType       {@code SHA256} or {@code SM3}
     * @param upperCase      whether the hex digest is upper case
     * @param algorithmField the member naming the algorithm, or {@code null}
     * @param algorithm      its value
     */
    public record MetaRule(
            String filePart,
            String filenameField,
            String digestField,
            String hashType,
            boolean upperCase,
            String algorithmField,
            String algorithm) {

        /** The members the client fills in from the file itself. */
        public Set<String> computedFields() {
            return Stream.of(filenameField, digestField, algorithmField)
                    .filter(java.util.Objects::nonNull)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final MetaRule DEFAULT_META =
            new MetaRule("file", "filename", "sha256", "SHA256", false, null, null);
    private static final java.util.List<Map.Entry<java.util.regex.Pattern, MetaRule>> META_RULES = java.util.List.of(
            Map.entry(
                    java.util.regex.Pattern.compile("/v3/marketing/shopping-receipt/shoppingreceipts"),
                    new MetaRule("file", null, "sha256", "SHA256", false, null, null)),
            Map.entry(
                    java.util.regex.Pattern.compile("/v3/ecommerce/account/cancel-applications/media"),
                    new MetaRule("file", "file_name", "file_digest", "SHA256", true, null, null)),
            Map.entry(
                    java.util.regex.Pattern.compile("/v3/mch-manage/submission-files/sub-mchid/[^/]+/upload"),
                    new MetaRule("submission_file", "file_name", "file_digest", "SHA256", true, null, null)),
            Map.entry(
                    java.util.regex.Pattern.compile("/v3/mch-operation-manage/enhanced-due-diligence/[^/]+/upload"),
                    new MetaRule("due_diligence_file", "file_name", "file_digest", "SHA256", true, null, null)),
            Map.entry(
                    java.util.regex.Pattern.compile(
                            "/v3/new-tax-control-fapiao/fapiao-applications/upload-fapiao-file"),
                    new MetaRule("file", null, "digest", "SM3", false, "digest_alogrithm", "SM3")),
            Map.entry(
                    java.util.regex.Pattern.compile("/v3/taxi-invoice/cards/upload-file"),
                    new MetaRule("file", null, "digest", "SM3", false, "digest_algorithm", "DIGEST_ALGORITHM_SM3")));

    private Uploads() {}

    /** The meta rule of {@code path} (raw, without the query): {@code {filename, sha256}} unless listed. */
    public static MetaRule metaRule(String path) {
        for (Map.Entry<java.util.regex.Pattern, MetaRule> e : META_RULES) {
            if (e.getKey().matcher(path).matches()) {
                return e.getValue();
            }
        }
        return DEFAULT_META;
    }

    /** The rule of a known upload endpoint (raw path without query). */
    public static Optional<Rule> rule(String path) {
        return Optional.ofNullable(RULES.get(path));
    }

    /**
     * {@code meta} (JSON, {@code application/json}), then the file under {@code filePart}, then each text field,
     * CRLF line ends, closing delimiter.
     */
    public static byte[] multipart(
            String boundary,
            byte[] metaJson,
            String filePart,
            String filename,
            String contentType,
            byte[] content,
            Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + metaJson.length + 512);
        write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                        + "Content-Type: application/json\r\n\r\n");
        out.writeBytes(metaJson);
        write(
                out,
                "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        fields.forEach((name, value) -> write(
                out,
                "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value));
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
