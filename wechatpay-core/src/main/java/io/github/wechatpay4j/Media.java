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
 * multipart endpoints): its name, content type and bytes, plus the {@code meta} members an endpoint needs beyond the
 * ones the client computes. Send it with {@link Options#upload(Media)}; the client fills in the members each
 * endpoint names for the file ({@code filename} and {@code sha256} for most; {@code file_name} and
 * {@code file_digest}; an SM3 {@code digest} with its algorithm for fapiao files), encrypts
 * {@link io.github.wechatpay4j.crypto.Encrypted @Encrypted} meta fields, builds the multipart body and signs the
 * {@code meta} JSON exactly as sent. Immutable.
 *
 * <p>Media files are small (WeChat Pay's limits are a few MiB), so the content is held in memory; {@link #of(Path)}
 * and {@link #of(String, InputStream)} refuse anything over {@link #MAX_BYTES} before reading it all.
 */
public final class Media {
    /** The largest file this class reads: above every WeChat Pay upload limit. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("gif", "image/gif"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("wmv", "video/x-ms-wmv"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("mpg", "video/mpeg"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("flv", "video/x-flv"),
            Map.entry("f4v", "video/x-f4v"),
            Map.entry("m4v", "video/x-m4v"),
            Map.entry("rmvb", "application/vnd.rn-realmedia-vbr"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("zip", "application/zip"));

    private final String filename;
    private final String contentType;
    private final byte[] content;
    private final String sha256;
    private final Map<String, Object> extraMeta;
    private final Object metaObject;
    private final Map<String, String> fields;

    private Media(
            String filename,
            String contentType,
            byte[] content,
            String sha256,
            Map<String, Object> extraMeta,
            Object metaObject,
            Map<String, String> fields) {
        this.filename = filename;
        this.contentType = contentType;
        this.content = content;
        this.sha256 = sha256 != null ? sha256 : sha256(content);
        this.extraMeta = extraMeta;
        this.metaObject = metaObject;
        this.fields = fields;
    }

    private Media with(String type, Map<String, Object> extra, Object object, Map<String, String> form) {
        return new Media(filename, type, content, sha256, extra, object, form);
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
        return new Media(name, typeOf(name), content.clone(), null, Map.of(), null, Map.of());
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
        return with(type.strip(), extraMeta, metaObject, fields);
    }

    /**
     * One more {@code meta} member, after the ones the client computes, for endpoints whose meta has more (such as
     * {@code bank_type}). A member the client computes from the file (the endpoint's file name and digest members)
     * may be given only with the value the client computes.
     */
    public Media withMeta(String name, Object value) {
        if (name == null || name.isEmpty() || value == null) {
            throw new InvalidRequestException("a meta member needs a name and a value");
        }
        Map<String, Object> more = new LinkedHashMap<>(extraMeta);
        more.put(name, value);
        return with(contentType, Collections.unmodifiableMap(more), metaObject, fields);
    }

    /**
     * The endpoint's own {@code meta} members as a record or map: a fapiao file's {@code sub_mchid} and
     * {@code file_type}, a shopping receipt's {@code transaction_id}, {@code openid} and contact information (its
     * {@link io.github.wechatpay4j.crypto.Encrypted @Encrypted} components are encrypted with a platform key, and
     * {@code Wechatpay-Serial} names it). Leave out what the client computes from the file (file name, digest,
     * digest algorithm). Written with the client's JSON codec, like a request body.
     */
    public Media withMeta(Object meta) {
        if (meta == null) {
            throw new InvalidRequestException("the meta object must not be null");
        }
        return with(contentType, extraMeta, meta, fields);
    }

    /**
     * A text field sent as its own multipart part after the file, for endpoints whose form has more than
     * {@code meta} and the file ({@code item_id}, {@code manage_record_id}). Not part of what is signed.
     */
    public Media withField(String name, Object value) {
        if (name == null
                || name.isBlank()
                || value == null
                || name.chars().anyMatch(c -> c < 0x20 || c == '"' || c == 0x7f)
                || name.equals("meta")) {
            throw new InvalidRequestException("a form field needs a plain name other than meta, and a value");
        }
        String text = value.toString();
        if (text.contains("\r") || text.contains("\n")) {
            throw new InvalidRequestException("the form field " + name + " must be a single line");
        }
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(name, text);
        return with(contentType, extraMeta, metaObject, Collections.unmodifiableMap(more));
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

    /** The members given with {@link #withMeta(String, Object)}, in order. */
    public Map<String, Object> extraMeta() {
        return extraMeta;
    }

    /** The meta object given with {@link #withMeta(Object)}, if any. */
    public java.util.Optional<Object> metaObject() {
        return java.util.Optional.ofNullable(metaObject);
    }

    /** The text fields given with {@link #withField}, in order. */
    public Map<String, String> fields() {
        return fields;
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
        return new InvalidRequestException(
                "the file '" + name + "' is " + size + " bytes, more than any WeChat Pay" + " upload accepts");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigurationException("SHA-256 is not available in this JVM", e);
        }
    }
}
