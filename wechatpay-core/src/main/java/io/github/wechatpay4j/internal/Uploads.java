package io.github.wechatpay4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Multipart bodies for WeChat Pay uploads, and what the upload endpoints take (from {@link OperationFacts}).
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

    /**
     * How an endpoint's {@code meta} names the file: the multipart part that carries it, the member holding its
     * name (or none), the member holding its digest, the digest's type and letter case, and a member naming the
     * digest algorithm (or none). An operation fact ({@link OperationFacts}) where it is not the default; wechatpay-api's
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

    private Uploads() {}

    /** The meta rule of the upload to {@code path} (raw, without the query): {@code {filename, sha256}} unless known. */
    public static MetaRule metaRule(String path) {
        return OperationFacts.match("POST", path).map(m -> m.facts().upload()).orElse(DEFAULT_META);
    }

    /** The formats and size limits of the upload to {@code path} (raw, without the query), where documented. */
    public static Optional<Rule> rule(String path) {
        return OperationFacts.match("POST", path)
                .filter(m -> !m.facts().maxBytes().isEmpty())
                .map(m -> new Rule(m.facts().template(), m.facts().maxBytes()));
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
