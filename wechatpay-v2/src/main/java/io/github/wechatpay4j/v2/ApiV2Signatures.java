package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * APIv2's signature, exactly as WeChat Pay defines it (安全规范 / 签名算法): the fields sorted by name in ASCII order,
 * those with an empty value and {@code sign} itself left out, joined as {@code name=value&…}, then
 * {@code &key=<APIv2 key>} appended; the MD5 of that, or its HMAC-SHA256 with the APIv2 key as the HMAC key; in
 * upper-case hex. Values are signed as they are, not URL-encoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class ApiV2Signatures {
    private ApiV2Signatures() {}

    /** The {@code sign} of {@code fields} with {@code type} and {@code key}. */
    public static String sign(Map<String, String> fields, SignType type, ApiV2Key key) {
        byte[] secret = key.bytes();
        try {
            byte[] message = stringSignTemp(fields, secret);
            byte[] digest = switch (type) {
                case MD5 -> MessageDigest.getInstance("MD5").digest(message);
                case HMAC_SHA256 -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                    yield mac.doFinal(message);
                }
            };
            Arrays.fill(message, (byte) 0);
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has MD5 and HmacSHA256", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Checks the {@code sign} field of {@code fields} with {@code type}, in constant time. The algorithm is the one the
     * caller expects (the request's {@code sign_type}), never guessed from the signature's length.
     *
     * @throws SignatureVerificationException {@code MALFORMED_SIGNATURE} when there is no {@code sign}, or
     *                                        {@code BAD_SIGNATURE} when it does not match
     */
    public static void verify(Map<String, String> fields, SignType type, ApiV2Key key) {
        String given = fields.get("sign");
        if (given == null || given.isEmpty()) {
            throw new SignatureVerificationException(
                    Reason.MALFORMED_SIGNATURE, "the APIv2 answer carries no sign field, so it cannot be trusted");
        }
        byte[] expected = sign(fields, type, key).getBytes(StandardCharsets.US_ASCII);
        // case-sensitive, as WeChat Pay signs upper-case; a lower-case or other-length sign does not match
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new SignatureVerificationException(
                    Reason.BAD_SIGNATURE,
                    "the APIv2 sign does not match the fields signed with " + type.wireName() + " and the APIv2 key:"
                            + " the content was altered, it was signed with another algorithm, or the configured"
                            + " APIv2 key is not the merchant's");
        }
    }

    /** {@code stringA + "&key=" + key} in UTF-8, literally: no fields at all still give {@code "&key=…"}. */
    static byte[] stringSignTemp(Map<String, String> fields, byte[] secret) {
        StringBuilder s = new StringBuilder(256);
        for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty() || e.getKey().equals("sign")) {
                continue;
            }
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(e.getKey()).append('=').append(e.getValue());
        }
        s.append("&key=");
        byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + secret.length);
        System.arraycopy(secret, 0, all, head.length, secret.length);
        return all;
    }
}
