package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The merchant's APIv2 key (API密钥, "key" in the APIv2 documentation): 32 characters set on the merchant platform,
 * the secret of APIv2's MD5 and HMAC-SHA256 signatures and, through its MD5, the AES-256-ECB key of refund
 * notifications. It is not the APIv3 key (APIv3密钥), which is a different secret set in another place.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class ApiV2Key {
    private final byte[] key;

    private ApiV2Key(byte[] key) {
        this.key = key;
    }

    /**
     * The key as set on the merchant platform.
     *
     * @throws ConfigurationException when it is not 32 printable ASCII characters (the length, never the key, is shown)
     */
    public static ApiV2Key of(String key) {
        if (key == null || key.isEmpty()) {
            throw new ConfigurationException("the APIv2 key is missing: set it on the merchant platform (账户中心 → API"
                    + " 安全 → API密钥) and pass its 32 characters");
        }
        boolean printable = key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (key.length() != 32 || !printable) {
            throw new ConfigurationException("the APIv2 key must be 32 printable ASCII characters, got "
                    + key.length() + " characters" + (printable ? "" : " with spaces or non-ASCII ones")
                    + ": it is the API密钥 of the merchant platform, not the APIv3 key (APIv3密钥), the merchant private"
                    + " key or the certificate serial");
        }
        return new ApiV2Key(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** A copy of the key's bytes: the caller clears it after use. */
    byte[] bytes() {
        return key.clone();
    }

    /**
     * The AES-256-ECB key of refund notifications' {@code req_info}: the lower-case hex MD5 of this key, 32 ASCII
     * bytes, as WeChat Pay defines it.
     */
    byte[] reqInfoKey() {
        byte[] copy = bytes();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(copy);
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ApiV2Key[****]";
    }
}
