package io.github.wechatpay4j.internal;

import java.util.Map;
import java.util.Set;

/**
 * Where each request goes: the host an operation is served on when it is not the API host (an operation fact,
 * {@link OperationFacts}, generated from the corrected spec), or that host's replacement, and the client's base URL
 * for everything else. Immutable.
 */
public final class Hosts {
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
        return OperationFacts.hosts();
    }

    /** The base URL a request for {@code path} (raw, without the query) goes to. */
    public String baseFor(String path) {
        String pinned = OperationFacts.host(path);
        return pinned == null ? baseUrl : replacements.getOrDefault(pinned, pinned);
    }

    /** Whether {@code base} is the client's own base URL (the one the backup host stands in for). */
    public boolean isMain(String base) {
        return base.equals(baseUrl);
    }
}
