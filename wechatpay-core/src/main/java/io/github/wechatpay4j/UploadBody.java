package io.github.wechatpay4j;

import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.internal.Uploads;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An upload's {@code meta} JSON and multipart body, as the endpoint names them: the file name and digest members the
 * client computes ({@link Uploads#metaRule}), then the caller's own members (encrypted where marked), then the
 * file and any extra text fields.
 *
 * @param meta the meta JSON, exactly as sent and signed
 * @param body the whole multipart body
 */
record UploadBody(byte[] meta, byte[] body) {

    static UploadBody of(
            String path,
            Media media,
            String boundary,
            UnaryOperator<Object> encrypt,
            Function<Object, byte[]> write,
            Function<byte[], Map<String, Object>> read,
            io.github.wechatpay4j.internal.Digests digests) {
        Uploads.MetaRule rule = Uploads.metaRule(path);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (rule.filenameField() != null) {
            meta.put(rule.filenameField(), media.filename());
        }
        String digest = rule.hashType().equals("SHA256") ? media.sha256() : digest(digests, rule, media, path);
        meta.put(rule.digestField(), rule.upperCase() ? digest.toUpperCase(Locale.ROOT) : digest);
        if (rule.algorithmField() != null) {
            meta.put(rule.algorithmField(), rule.algorithm());
        }
        media.metaObject()
                .ifPresent(given -> merge(meta, members(encrypt.apply(given), write, read, path), rule, path));
        merge(meta, media.extraMeta(), rule, path);
        byte[] json = write.apply(meta);
        return new UploadBody(
                json,
                Uploads.multipart(
                        boundary,
                        json,
                        rule.filePart(),
                        media.filename(),
                        media.contentType(),
                        media.content(),
                        media.fields()));
    }

    private static String digest(
            io.github.wechatpay4j.internal.Digests digests, Uploads.MetaRule rule, Media media, String path) {
        MessageDigest digest;
        try {
            digest = digests.create(rule.hashType());
        } catch (DownloadException e) {
            throw new ConfigurationException(
                    "POST " + path + " names the file by its " + rule.hashType() + " digest: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest(media.content()));
    }

    /** The members of a record or map given as meta, as the JSON codec writes them (snake_case names). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> members(
            Object given, Function<Object, byte[]> write, Function<byte[], Map<String, Object>> read, String path) {
        if (given instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        Map<String, Object> members;
        try {
            members = read.apply(write.apply(given));
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    "the meta of POST " + path + " must be a record or map written as a" + " JSON object, not "
                            + given.getClass().getName(),
                    e);
        }
        return members;
    }

    /** Adds the caller's members; a member the client computes may only repeat the computed value. */
    private static void merge(Map<String, Object> meta, Map<String, Object> given, Uploads.MetaRule rule, String path) {
        given.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (rule.computedFields().contains(name)) {
                if (!String.valueOf(value).equalsIgnoreCase(String.valueOf(meta.get(name)))) {
                    throw new InvalidRequestException("meta." + name + " of POST " + path + " is computed by the"
                            + " client from the file (" + meta.get(name) + "), but " + value + " was given: leave it"
                            + " out");
                }
                return;
            }
            meta.put(name, value);
        });
    }
}
