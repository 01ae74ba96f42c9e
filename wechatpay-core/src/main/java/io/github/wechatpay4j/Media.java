package io.github.wechatpay4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A file to upload ({@code v3/merchant/media/upload}, {@code …/video_upload}, marketing image upload and the other
 * multipart endpoints): its name, content type, bytes and SHA-256, plus any extra {@code meta} members an endpoint
 * needs. Send it with {@link Options#upload(Media)}; the client builds the multipart body and signs the {@code meta}
 * JSON exactly as sent. Immutable.
 *
 * <p>Media files are small (WeChat Pay's limits are a few MiB), so the content is held in memory; {@link #of(Path)}
 * and {@link #of(String, InputStream)} refuse anything over {@link #MAX_BYTES} before reading it all.
 */
public final class Media {
    /** The largest file this class reads: above every WeChat Pay upload limit. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("bmp", "image/bmp"), Map.entry("gif", "image/gif"), Map.entry("pdf", "application/pdf"),
            Map.entry("mp4", "video/mp4"), Map.entry("avi", "video/x-msvideo"), Map.entry("wmv", "video/x-ms-wmv"),
            Map.entry("mpeg", "video/mpeg"), Map.entry("mpg", "video/mpeg"), Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("flv", "video/x-flv"), Map.entry("f4v", "video/x-f4v"),
            Map.entry("m4v", "video/x-m4v"), Map.entry("rmvb", "application/vnd.rn-realmedia-vbr"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("zip", "application/zip"));

    private final String filename;
    private final String contentType;
    private final byte[] content;
    private final String sha256;
    private final Map<String, Object> extraMeta;

    private Media(String filename, String contentType, byte[] content, Map<String, Object> extraMeta) {
        this.filename = filename;
        this.contentType = contentType;
        this.content = content;
        this.sha256 = sha256(content);
        this.extraMeta = extraMeta;
    }

    /** The file's bytes under {@code filename}; the content type follows the extension. */
    public static Media of(String filename, byte[] content) {
        String name = checkName(filename);
        if (content == null || content.length == 0) {
            throw new InvalidRequestException("the file '" + name + "' is empty: WeChat Pay rejects empty uploads");
        }
        if (content.length > MAX_BYTES) {
            throw tooLarge(name, content.length);
        }
        return new Media(name, typeOf(name), content.clone(), Map.of());
    }

    /** A file from disk, named by its file name. */
    public static Media of(Path file) {
        if (file == null) {
            throw new InvalidRequestException("the file to upload is missing");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(file.getFileName().toString(), size);
            }
            return of(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the file to upload " + file + ": " + e, e);
        }
    }

    /** A file read from {@code in} (closed afterwards) under {@code filename}. */
    public static Media of(String filename, InputStream in) {
        String name = checkName(filename);
        if (in == null) {
            throw new InvalidRequestException("the stream of '" + name + "' is missing");
        }
        try (in) {
            byte[] content = in.readNBytes((int) MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw tooLarge(name, content.length);
            }
            return of(name, content);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the stream of '" + name + "': " + e, e);
        }
    }

    /** The same file with another content type (for an extension this class does not know). */
    public Media withContentType(String type) {
        if (type == null || type.isBlank() || type.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidRequestException("the content type must be a single-line MIME type");
        }
        return new Media(filename, type.strip(), content, extraMeta);
    }

    /**
     * An extra {@code meta} member after {@code filename} and {@code sha256}, for endpoints whose meta has more
     * (such as {@code bank_type} or {@code stock_id}).
     */
    public Media withMeta(String name, Object value) {
        if (name == null || name.isEmpty() || name.equals("filename") || name.equals("sha256") || value == null) {
            throw new InvalidRequestException("an extra meta member needs a name other than filename/sha256 and a"
                    + " value");
        }
        Map<String, Object> more = new LinkedHashMap<>(extraMeta);
        more.put(name, value);
        return new Media(filename, contentType, content, Collections.unmodifiableMap(more));
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    /** The lower-case extension without the dot, or {@code ""}. */
    public String extension() {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public long size() {
        return content.length;
    }

    /** The lower-case hex SHA-256 of the content, as {@code meta.sha256} carries it. */
    public String sha256() {
        return sha256;
    }

    /** The {@code meta} members: {@code filename}, {@code sha256}, then any extra ones, in order. */
    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("filename", filename);
        meta.put("sha256", sha256);
        meta.putAll(extraMeta);
        return meta;
    }

    byte[] content() {
        return content;
    }

    @Override
    public String toString() {
        return "Media[" + filename + ", " + contentType + ", " + content.length + " bytes, sha256=" + sha256 + "]";
    }

    private static String checkName(String filename) {
        if (filename == null || filename.isBlank()) {
            throw new InvalidRequestException("the file to upload needs a file name with its extension");
        }
        if (filename.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/')) {
            throw new InvalidRequestException("the file name '" + filename.replaceAll("\\p{Cntrl}", "?") + "' has"
                    + " a quote, slash or control character");
        }
        return filename.strip();
    }

    private static String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static InvalidRequestException tooLarge(String name, long size) {
        return new InvalidRequestException("the file '" + name + "' is " + size + " bytes, more than any WeChat Pay"
                + " upload accepts");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("SHA-256 is not available in this JVM", e);
        }
    }
}
