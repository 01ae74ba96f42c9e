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
    private static final Map<String, Long> IMAGES_5M = Map.of("jpg", 5 * MIB, "jpeg", 5 * MIB, "bmp", 5 * MIB,
            "png", 5 * MIB, "pdf", 15 * MIB / 2);
    private static final Map<String, Long> IMAGES_2M = Map.of("jpg", 2 * MIB, "jpeg", 2 * MIB, "bmp", 2 * MIB,
            "png", 2 * MIB);
    private static final Map<String, Long> VIDEOS_5M = Stream.of("avi", "wmv", "mpeg", "mpg", "mp4", "mov", "mkv",
            "flv", "f4v", "m4v", "rmvb").collect(Collectors.toUnmodifiableMap(e -> e, e -> 5 * MIB));
    private static final Map<String, Rule> RULES = Map.of(
            "/v3/merchant/media/upload", new Rule("/v3/merchant/media/upload", IMAGES_5M),
            "/v3/merchant/media/video_upload", new Rule("/v3/merchant/media/video_upload", VIDEOS_5M),
            "/v3/marketing/favor/media/image-upload", new Rule("/v3/marketing/favor/media/image-upload", IMAGES_2M));

    private Uploads() {
    }

    /** The rule of a known upload endpoint (raw path without query). */
    public static Optional<Rule> rule(String path) {
        return Optional.ofNullable(RULES.get(path));
    }

    /**
     * {@code meta} (JSON, {@code application/json}) then {@code file}, CRLF line ends, closing delimiter.
     */
    public static byte[] multipart(String boundary, byte[] metaJson, String filename, String contentType,
                                   byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + metaJson.length + 512);
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Type: application/json\r\n\r\n");
        out.writeBytes(metaJson);
        write(out, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
