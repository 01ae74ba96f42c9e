package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.crypto.DigestProvider;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.DownloadException.Reason;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hash types a download's {@code hash_type} may name, and where each digest comes from: {@code SHA1} and
 * {@code SHA256} from the JDK, anything else ({@code SM3}) from a {@link DigestProvider}. Immutable.
 */
public final class Digests {
    private static final Map<String, String> JDK = Map.of("SHA1", "SHA-1", "SHA256", "SHA-256");

    private final List<DigestProvider> providers;

    /** @param providers the configured provider first, then those found with ServiceLoader */
    public Digests(List<DigestProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** A hash type as WeChat Pay spells it: upper case, no dash ({@code sha-256} and {@code SHA256} are one). */
    public static String normalize(String hashType) {
        return hashType == null ? "" : hashType.strip().toUpperCase(Locale.ROOT).replace("-", "");
    }

    /** The hex length of a digest of {@code hashType}, or -1 when unknown (the provider's digest decides). */
    public static int hexLength(String hashType) {
        return switch (normalize(hashType)) {
            case "SHA1" -> 40;
            case "SHA256", "SM3" -> 64;
            default -> -1;
        };
    }

    /**
     * A new digest for {@code hashType}.
     *
     * @throws DownloadException {@code UNSUPPORTED_HASH} when neither the JDK nor a provider makes it, naming the
     *                           module that adds it
     */
    public MessageDigest create(String hashType) {
        String type = normalize(hashType);
        String jdk = JDK.get(type);
        if (jdk != null) {
            try {
                return MessageDigest.getInstance(jdk);
            } catch (NoSuchAlgorithmException e) {
                throw new ConfigurationException(jdk + " is not available in this JVM", e);
            }
        }
        for (DigestProvider p : providers) {
            if (p.hashTypes().stream().map(Digests::normalize).anyMatch(type::equals)) {
                MessageDigest digest = make(p, type);
                if (digest != null) {
                    return digest;
                }
            }
        }
        TreeSet<String> known = new TreeSet<>(JDK.keySet());
        providers.forEach(p -> p.hashTypes().forEach(t -> known.add(normalize(t))));
        throw new DownloadException(
                Reason.UNSUPPORTED_HASH,
                "the answer's hash type is '" + hashType + "', which"
                        + " this client cannot check (it checks " + known + ")"
                        + (type.equals("SM3")
                                ? ": SM3 is not in the"
                                        + " JDK; add io.github.wechatpay4j:wechatpay-crypto-sm to the classpath (found by ServiceLoader) or give"
                                        + " WechatPay.Builder.digestProvider(...)"
                                : ""),
                null);
    }

    private static MessageDigest make(DigestProvider p, String type) {
        try {
            return p.create(type);
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "the digest provider " + p.getClass().getName() + " failed to make " + type + ": "
                            + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }
}
