package io.github.wechatpay4j.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations WeChat Pay serves on a host other than the API host, and where each request goes: the pinned host
 * (or its replacement) for those, the client's base URL for everything else. wechatpay-api's
 * {@code CorrectedSpecTest} checks the table against the spec's {@code host} facts. Immutable.
 */
public final class Hosts {
    public static final String APIHK = "https://apihk.mch.weixin.qq.com";
    public static final String FRAUD = "https://fraud.mch.weixin.qq.com";
    public static final String PAYAPP_MCH = "https://payapp.mch.weixin.qq.com";
    public static final String PAYAPP = "https://payapp.weixin.qq.com";

    private static final Map<String, String> PINNED = Map.of(
            "/v3/global/certificates", APIHK,
            "/risk/getpublickey", FRAUD,
            "/secsvc/getrealnameinfo", FRAUD,
            "/secsvc/realnameauth", FRAUD,
            "/appauth/authindex", PAYAPP_MCH,
            "/face/get_wxpayface_authinfo", PAYAPP);

    private final String baseUrl;
    private final Map<String, String> replacements;

    /**
     * @param baseUrl      where every operation that is not pinned goes
     * @param replacements pinned host → the base URL to use instead (tests, proxies)
     */
    public Hosts(String baseUrl, Map<String, String> replacements) {
        this.baseUrl = baseUrl;
        this.replacements = Map.copyOf(replacements);
    }

    /** Every host an operation is pinned to, for messages and for routing all of them elsewhere. */
    public static Set<String> pinnedHosts() {
        return new TreeSet<>(PINNED.values());
    }

    /** The host {@code path} (raw, without the query) is pinned to, or {@code null}. */
    public static String pinned(String path) {
        return PINNED.get(path);
    }

    /** The base URL a request for {@code path} goes to. */
    public String baseFor(String path) {
        String pinned = PINNED.get(path);
        return pinned == null ? baseUrl : replacements.getOrDefault(pinned, pinned);
    }

    /** Whether {@code base} is the client's own base URL (the one the backup host stands in for). */
    public boolean isMain(String base) {
        return base.equals(baseUrl);
    }
}
