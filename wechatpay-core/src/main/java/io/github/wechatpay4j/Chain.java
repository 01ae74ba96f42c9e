package io.github.wechatpay4j;

import io.github.wechatpay4j.download.Download;
import io.github.wechatpay4j.internal.PercentEncoding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A WeChat Pay endpoint addressed by its path, the Java form of {@code $instance->chain('v3/...')}:
 *
 * <pre>{@code
 * client.chain("v3/marketing/partnerships/build").post(Options.json(body));
 * client.chain("v3").chain("marketing").chain("partnerships").chain("build").post(Options.json(body));
 * }</pre>
 *
 * Segments in braces ({@code {transaction_id}}) take their values from {@link Options#withPath}. Immutable and
 * thread-safe; every verb signs and sends a new request. Asynchronous verbs never block the caller on I/O; their
 * futures complete exceptionally with a {@link WechatPayException} subtype (wrapped in a
 * {@link java.util.concurrent.CompletionException} by {@code join()}).
 */
public final class Chain {
    private final WechatPay client;
    private final List<String> segments;

    Chain(WechatPay client, List<String> segments) {
        this.client = client;
        this.segments = segments;
    }

    /** The endpoint below this one: {@code chain("v3").chain("pay/transactions")}. */
    public Chain chain(String path) {
        List<String> more = new ArrayList<>(segments);
        if (!more.isEmpty() && more.get(more.size() - 1).isEmpty()) {
            more.remove(more.size() - 1); // "a/" then "b" is "a/b"
        }
        more.addAll(split(path));
        return new Chain(client, Collections.unmodifiableList(more));
    }

    /** The path template, such as {@code /v3/pay/transactions/id/{transaction_id}}. */
    public String path() {
        return "/" + String.join("/", segments);
    }

    public ApiResponse get() {
        return send("GET", Options.none());
    }

    public ApiResponse get(Options options) {
        return send("GET", options);
    }

    public ApiResponse post(Options options) {
        return send("POST", options);
    }

    public ApiResponse put(Options options) {
        return send("PUT", options);
    }

    public ApiResponse patch(Options options) {
        return send("PATCH", options);
    }

    public ApiResponse delete() {
        return send("DELETE", Options.none());
    }

    public ApiResponse delete(Options options) {
        return send("DELETE", options);
    }

    public CompletableFuture<ApiResponse> getAsync() {
        return sendAsync("GET", Options.none());
    }

    public CompletableFuture<ApiResponse> getAsync(Options options) {
        return sendAsync("GET", options);
    }

    public CompletableFuture<ApiResponse> postAsync(Options options) {
        return sendAsync("POST", options);
    }

    public CompletableFuture<ApiResponse> putAsync(Options options) {
        return sendAsync("PUT", options);
    }

    public CompletableFuture<ApiResponse> patchAsync(Options options) {
        return sendAsync("PATCH", options);
    }

    public CompletableFuture<ApiResponse> deleteAsync() {
        return sendAsync("DELETE", Options.none());
    }

    public CompletableFuture<ApiResponse> deleteAsync(Options options) {
        return sendAsync("DELETE", options);
    }

    /**
     * The file this endpoint serves unsigned (a complaint image, a statement, a bill or receipt file): a
     * {@link Download} to check and write. Refused for an endpoint that answers signed JSON.
     */
    public Download download() {
        return download(Options.none());
    }

    /**
     * {@link #download()} with path values, query parameters and headers; or, for a routed scheme's download whose
     * request has a body ({@code chain("v2/pay/downloadbill").download(Options.xml(fields))}), that body.
     */
    public Download download(Options options) {
        if (options == null) {
            throw new InvalidRequestException("options must not be null; use Options.none()");
        }
        if (options.jsonBody() instanceof XmlFields) {
            return client.downloadsFor(segments).post(String.join("/", segments), options);
        }
        if (options.jsonBody() != null || options.rawJsonBody() != null || options.media() != null) {
            throw new InvalidRequestException("a download is a GET and carries no body");
        }
        String path = PrepareStage.expandPath(segments, options.pathValues());
        return client.downloads().at(PrepareStage.appendQuery(path, options.queryParameters()), options.headers());
    }

    /**
     * The address of this endpoint as a browser opens it, its query signed by the scheme, nothing sent: APIv2's pages
     * (an entrusted-payment sign-up, an identity authorisation) are links the payer's browser follows, signed with
     * the merchant's APIv2 key. For APIv3 it is the address with the query as given.
     */
    public java.net.URI link(Options options) {
        if (options == null) {
            throw new InvalidRequestException("options must not be null; use Options.none()");
        }
        return client.link(segments, options);
    }

    /** Any method; for the verbs above prefer their own methods. */
    public ApiResponse send(String method, Options options) {
        return client.execute(method, segments, options);
    }

    public CompletableFuture<ApiResponse> sendAsync(String method, Options options) {
        return client.executeAsync(method, segments, options);
    }

    @Override
    public String toString() {
        return "Chain[" + path() + "]";
    }

    /**
     * Splits a path into segments; rejects what cannot be part of a WeChat Pay endpoint path. A trailing slash is
     * kept as a final empty segment: {@code v3/applyment4sub/applyment/} is a different endpoint from the one without.
     */
    static List<String> split(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidRequestException(
                    "an endpoint path must not be empty, e.g. chain(\"v3/pay/transactions/native\")");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw new InvalidRequestException("the endpoint path '" + path + "' contains '?' or '#': give query"
                    + " parameters with Options.withQuery so that they are encoded and signed exactly once");
        }
        String trimmed = path.strip();
        int from = 0;
        int to = trimmed.length();
        while (from < to && trimmed.charAt(from) == '/') {
            from++;
        }
        boolean trailingSlash = to > from && trimmed.charAt(to - 1) == '/';
        if (trailingSlash) {
            to--;
        }
        if (from == to) {
            throw new InvalidRequestException("the endpoint path '" + path + "' has no segments");
        }
        List<String> out = new ArrayList<>();
        for (String segment : trimmed.substring(from, to).split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidRequestException("the endpoint path '" + path + "' has an empty segment ('//')");
            }
            String decoded = PercentEncoding.decode(segment);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new InvalidRequestException("the endpoint path '" + path + "' has a '" + segment + "' segment");
            }
            out.add(segment);
        }
        if (trailingSlash) {
            out.add("");
        }
        return out;
    }
}
