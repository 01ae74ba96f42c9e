package io.github.wechatpay4j.api.internal;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.EncryptedField;
import io.github.wechatpay4j.download.Download;
import io.github.wechatpay4j.json.OpenEnum;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a typed chain has got to: the client and the path values given so far ({@code {transaction_id}} and the
 * like). Made by the entry points ({@code WechatPayApi.of}, {@code PaymentsApi.of}, ...); the generated endpoint
 * classes use it to send through {@link WechatPay#chain(String)}, so typed and untyped calls share one execution
 * path. Immutable and thread-safe. For generated code: not an API to call.
 */
public final class Route {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final WechatPay client;
    private final List<Map.Entry<String, String>> values;

    private Route(WechatPay client, List<Map.Entry<String, String>> values) {
        this.client = client;
        this.values = values;
    }

    /** The route at the root, for the entry point named {@code entry} (which the error names). */
    public static Route of(WechatPay client, String entry) {
        if (client == null) {
            throw new InvalidRequestException(
                    entry + ".of needs a WechatPay client: build one with" + " WechatPay.builder()");
        }
        return new Route(client, List.of());
    }

    /** The client the calls go through. */
    public WechatPay client() {
        return client;
    }

    /** This route with the path placeholder {@code name} set to {@code value} (required, not blank). */
    public Route with(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(
                    "the path value {" + name + "} is required and was " + (value == null ? "null" : "blank"));
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(values);
        more.add(Map.entry(name, value));
        return new Route(client, Collections.unmodifiableList(more));
    }

    /** The caller's options, or none. */
    public Options options(Options given) {
        return given == null ? Options.none() : given;
    }

    /** Sends {@code method} to {@code template} with the path values filled in. */
    public ApiResponse send(String method, String template, Options options) {
        return client.chain(template).send(method, withPath(template, options));
    }

    /** The file {@code template} serves, with the path values filled in: sent when written. */
    public Download download(String template, Options options) {
        return client.chain(template).download(withPath(template, options));
    }

    /** The signed address of the page {@code template} names, with the path values filled in: sent nowhere. */
    public java.net.URI link(String template, Options options) {
        return client.chain(template).link(withPath(template, options));
    }

    /**
     * As {@link #send}, asynchronously; a request that cannot be built (a missing required field) fails the
     * future with its {@link InvalidRequestException} rather than throwing.
     */
    public CompletableFuture<ApiResponse> sendAsync(String method, String template, Supplier<Options> options) {
        Options o;
        try {
            o = withPath(template, options.get());
        } catch (WechatPayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.chain(template).sendAsync(method, o);
    }

    /**
     * {@code options} with this route's path values given positionally to the template's placeholders (the spec
     * names one placeholder differently in sibling paths; the position is what counts).
     */
    private Options withPath(String template, Options options) {
        Options o = options;
        int i = 0;
        for (String segment : template.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (i >= values.size()) {
                    throw new InvalidRequestException("the path " + template + " needs a value for " + segment);
                }
                o = o.withPath(
                        segment.substring(1, segment.length() - 1),
                        values.get(i++).getValue());
            }
        }
        return o;
    }

    /** {@code options} with the query parameter {@code name} when {@code value} is not null. */
    public Options query(Options options, String name, Object value) {
        String text = text(value);
        return text == null ? options : options.withQuery(name, text);
    }

    /**
     * {@code options} with the sensitive query parameter {@code name} encrypted with a platform key, and
     * {@code Wechatpay-Serial} naming that key.
     */
    public Options encryptedQuery(Options options, String name, Object value) {
        String text = text(value);
        if (text == null) {
            return options;
        }
        EncryptedField field = client.encrypt(text);
        return options.withQuery(name, field.ciphertext()).withHeader("Wechatpay-Serial", field.wechatpaySerial());
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OpenEnum e) {
            return e.value();
        }
        if (value instanceof OffsetDateTime t) {
            return RFC3339.format(t);
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                String s = text(o);
                if (s != null) {
                    parts.add(s);
                }
            }
            return parts.isEmpty() ? null : String.join(",", parts);
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "Route[" + values.size() + " path values]";
    }
}
