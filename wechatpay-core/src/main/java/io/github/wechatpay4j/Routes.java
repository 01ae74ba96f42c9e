package io.github.wechatpay4j;

import io.github.wechatpay4j.download.Downloads;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which stages a call goes through: the client's own scheme's, or those of a scheme routed by the path's first
 * segment ({@code v2}); and, for each, its downloads. Immutable.
 */
final class Routes {
    private final Pipeline own;
    private final Downloads ownDownloads;
    private final Map<String, Pipeline> routed;
    private final Map<String, Downloads> routedDownloads;

    /**
     * @param own       the client's own pipeline
     * @param routed    the routed schemes' pipelines, by first segment
     * @param downloads the downloads over a pipeline
     */
    Routes(Pipeline own, Map<String, Pipeline> routed, Function<Pipeline, Downloads> downloads) {
        this.own = own;
        this.ownDownloads = downloads.apply(own);
        this.routed = Map.copyOf(routed);
        Map<String, Downloads> files = new LinkedHashMap<>();
        routed.forEach((segment, p) -> files.put(segment, downloads.apply(p)));
        this.routedDownloads = Map.copyOf(files);
    }

    /** The client's own pipeline. */
    Pipeline own() {
        return own;
    }

    /** The client's own downloads ({@code WechatPay.downloads()}). */
    Downloads ownDownloads() {
        return ownDownloads;
    }

    /** The pipeline of the scheme routed by the path's first segment ({@code v2}), or the client's own. */
    Pipeline route(List<String> segments) {
        Pipeline p = segments.isEmpty() ? null : routed.get(segments.get(0));
        return p != null ? p : own;
    }

    /** The downloads of the scheme routed by the path's first segment, or the client's own. */
    Downloads downloadsFor(List<String> segments) {
        Downloads d = segments.isEmpty() ? null : routedDownloads.get(segments.get(0));
        return d != null ? d : ownDownloads;
    }

    /** The signed address of a GET page on {@code baseUrl}, sent nowhere: see {@link Chain#link}. */
    URI link(List<String> segments, Options options, Function<String, String> baseUrl) {
        Prepared call = route(segments).preparing().prepare("GET", segments, options);
        return URI.create(baseUrl.apply(call.wirePath()) + call.pathAndQuery());
    }
}
