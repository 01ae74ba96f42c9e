package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Idempotency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes with one call besides its path: values for {@code {placeholder}} segments, query parameters, headers and
 * a JSON body. Immutable: every {@code with…} returns a new instance, so options can be shared between threads and
 * reused as templates.
 *
 * <pre>{@code
 * client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
 *       .get(Options.path("out_trade_no", "T20261123001").withQuery("mchid", "1900000001"));
 *
 * client.chain("v3/marketing/partnerships/build")
 *       .post(Options.json(request).withHeader("Idempotency-Key", key));
 * }</pre>
 *
 * Path values and query parameters are percent-encoded by RFC 3986 exactly once, and the encoded form is what is
 * signed and sent. Query parameters keep their order; a {@code null} query value is left out.
 */
public final class Options {
    private static final Options NONE =
            new Options(Map.of(), List.of(), Headers.empty(), null, null, null, null, null, false);

    private final Map<String, String> pathValues;
    private final List<Map.Entry<String, String>> query;
    private final Headers headers;
    private final Object json;
    private final byte[] rawJson;
    private final Media media;
    private final BusinessKey businessKey;
    private final RetryPolicy retryPolicy;
    private final boolean nameEncryptionKey;

    private Options(
            Map<String, String> pathValues,
            List<Map.Entry<String, String>> query,
            Headers headers,
            Object json,
            byte[] rawJson,
            Media media,
            BusinessKey businessKey,
            RetryPolicy retryPolicy,
            boolean nameEncryptionKey) {
        this.pathValues = pathValues;
        this.query = query;
        this.headers = headers;
        this.json = json;
        this.rawJson = rawJson;
        this.media = media;
        this.businessKey = businessKey;
        this.retryPolicy = retryPolicy;
        this.nameEncryptionKey = nameEncryptionKey;
    }

    /** No path values, query, headers or body. */
    public static Options none() {
        return NONE;
    }

    /** A JSON body written by the client's codec from a {@code Map}, a record or any serialisable object. */
    public static Options json(Object body) {
        return NONE.withJson(body);
    }

    /**
     * An APIv2 body: these fields, in this order (values as text: numbers as written, {@code null}s left out), which
     * the APIv2 scheme writes as {@code <xml>} and signs, adding {@code nonce_str}, {@code sign_type} and
     * {@code mch_id} as needed. Only a {@code v2/…} call of a client with the APIv2 scheme takes it.
     */
    public static Options xml(Map<String, ?> fields) {
        return NONE.withXml(fields);
    }

    /** A JSON body given as text: sent exactly as given (UTF-8). */
    public static Options rawJson(String json) {
        return NONE.withRawJson(json);
    }

    /**
     * A file upload: a multipart body of {@code meta} ({@code {"filename":…,"sha256":…}} plus any extra members) and
     * {@code file}; the request is signed over the {@code meta} JSON exactly as sent.
     */
    public static Options upload(Media media) {
        return NONE.withUpload(media);
    }

    /** A value for the {@code {name}} placeholder of the path. */
    public static Options path(String name, Object value) {
        return NONE.withPath(name, value);
    }

    /** A query parameter. */
    public static Options query(String name, Object value) {
        return NONE.withQuery(name, value);
    }

    public Options withJson(Object body) {
        if (body == null) {
            throw new InvalidRequestException("the JSON body must not be null; use Options.none() for no body");
        }
        if (body instanceof byte[] || body instanceof CharSequence) {
            throw new InvalidRequestException("a JSON body given as text goes through Options.rawJson(String), so"
                    + " that it is sent exactly as written");
        }
        return new Options(pathValues, query, headers, body, null, null, businessKey, retryPolicy, nameEncryptionKey);
    }

    /** {@link #xml(Map)} on these options. */
    public Options withXml(Map<String, ?> fields) {
        if (fields == null) {
            throw new InvalidRequestException("the APIv2 fields must not be null; use Options.none() for no body");
        }
        Map<String, String> text = new java.util.LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name == null || name.isEmpty()) {
                throw new InvalidRequestException("an APIv2 field needs a name");
            }
            if (value != null) {
                text.put(name, value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value));
            }
        });
        return new Options(
                pathValues,
                query,
                headers,
                new XmlFields(java.util.Collections.unmodifiableMap(text)),
                null,
                null,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /**
     * An APIv2 body given as a record of the typed API (or, for an operation the spec does not describe, a map of
     * fields, as {@link #withXml(Map)}): its non-null components become the fields, by the wire names
     * the client's JSON codec writes them with ({@code out_trade_no}), numbers as written; the APIv2 scheme writes
     * and signs them as for {@link #xml(Map)}.
     */
    @SuppressWarnings("unchecked") // a map's keys are checked as names by withXml
    public Options withXmlFields(Object record) {
        if (record instanceof Map<?, ?> fields) {
            return withXml((Map<String, ?>) fields);
        }
        if (record == null || record instanceof CharSequence) {
            throw new InvalidRequestException("withXmlFields takes a request record (or a map of fields)");
        }
        return new Options(
                pathValues,
                query,
                headers,
                new XmlFields(Map.of(), record),
                null,
                null,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    public Options withRawJson(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidRequestException("the raw JSON body must not be empty");
        }
        return new Options(
                pathValues,
                query,
                headers,
                null,
                json.getBytes(StandardCharsets.UTF_8),
                null,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /** The body is {@code media} as a multipart upload (replacing any JSON body). */
    public Options withUpload(Media media) {
        if (media == null) {
            throw new InvalidRequestException("the media to upload must not be null");
        }
        return new Options(pathValues, query, headers, null, null, media, businessKey, retryPolicy, nameEncryptionKey);
    }

    public Options withPath(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("a path placeholder name must not be empty");
        }
        if (value == null || value.toString().isEmpty()) {
            throw new InvalidRequestException("the value for path placeholder {" + name + "} must not be empty");
        }
        Map<String, String> copy = new LinkedHashMap<>(pathValues);
        copy.put(name, value.toString());
        return new Options(
                Collections.unmodifiableMap(copy),
                query,
                headers,
                json,
                rawJson,
                media,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /** Adds a query parameter (repeat the name for several values); a {@code null} value adds nothing. */
    public Options withQuery(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("a query parameter name must not be empty");
        }
        if (value == null) {
            return this;
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(query);
        copy.add(Map.entry(name, value.toString()));
        return new Options(
                pathValues,
                Collections.unmodifiableList(copy),
                headers,
                json,
                rawJson,
                media,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /** Sets a request header (replacing a previous value of the same name). */
    public Options withHeader(String name, String value) {
        return new Options(
                pathValues,
                query,
                headers.with(name, value),
                json,
                rawJson,
                media,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /** Sets several request headers. */
    public Options withHeaders(Headers more) {
        if (more == null) {
            throw new InvalidRequestException("headers must not be null; use Headers.empty()");
        }
        return new Options(
                pathValues,
                query,
                headers.withAll(more),
                json,
                rawJson,
                media,
                businessKey,
                retryPolicy,
                nameEncryptionKey);
    }

    /**
     * Declares the operation idempotent by its business key ({@code out_trade_no}, {@code out_refund_no},
     * {@code out_batch_no} …): WeChat Pay answers a repeat of the same request with the first result instead of acting
     * twice. The client may then retry a failed POST (the same bytes, signed again), and an
     * {@link OutcomeUnknownException} names the key to query by. Operations the client knows (prepay, refund, close)
     * are recognised without this.
     */
    public Options withBusinessKey(String name, Object value) {
        if (name == null || name.isBlank() || value == null || value.toString().isBlank()) {
            throw new InvalidRequestException("a business key needs a name and a value, such as"
                    + " withBusinessKey(\"out_trade_no\", \"T20261123001\")");
        }
        return new Options(
                pathValues,
                query,
                headers,
                json,
                rawJson,
                media,
                new BusinessKey(name.strip(), value.toString()),
                retryPolicy,
                nameEncryptionKey);
    }

    /**
     * Sets the {@code Idempotency-Key} header. An operation that requires one gets a random key when none is given;
     * the key is the same on every retry of the call, and a request carrying one is retried like an idempotent one.
     */
    public Options withIdempotencyKey(String key) {
        return withHeader(Idempotency.HEADER, Idempotency.check(key));
    }

    /** The retry policy for this call only, instead of the client's ({@link RetryPolicy#none()} turns retries off). */
    public Options withRetryPolicy(RetryPolicy policy) {
        if (policy == null) {
            throw new InvalidRequestException("the retry policy must not be null; use RetryPolicy.none()");
        }
        return new Options(pathValues, query, headers, json, rawJson, media, businessKey, policy, nameEncryptionKey);
    }

    /**
     * Names the platform key in {@code Wechatpay-Serial} even when no field of this request is encrypted: some
     * operations require the header (the typed API sets this for them). A {@code Wechatpay-Serial} set with
     * {@link #withHeader} wins.
     */
    public Options withWechatpaySerial() {
        return new Options(pathValues, query, headers, json, rawJson, media, businessKey, retryPolicy, true);
    }

    boolean namesEncryptionKey() {
        return nameEncryptionKey;
    }

    /** The business key declared with {@link #withBusinessKey}, if any. */
    public java.util.Optional<BusinessKey> businessKey() {
        return java.util.Optional.ofNullable(businessKey);
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Map<String, String> pathValues() {
        return pathValues;
    }

    public List<Map.Entry<String, String>> queryParameters() {
        return query;
    }

    public Headers headers() {
        return headers;
    }

    /** Whether a body (object, raw JSON or upload) is set. */
    public boolean hasBody() {
        return json != null || rawJson != null || media != null;
    }

    Media media() {
        return media;
    }

    Object jsonBody() {
        return json;
    }

    byte[] rawJsonBody() {
        return rawJson;
    }

    @Override
    public String toString() {
        return "Options[path=" + pathValues + ", query=" + query + ", headers=" + headers
                + (json != null ? ", json=" + json.getClass().getSimpleName() : "")
                + (rawJson != null ? ", rawJson=" + rawJson.length + " bytes" : "")
                + (media != null ? ", upload=" + media : "") + (businessKey != null ? ", " + businessKey : "")
                + (retryPolicy != null ? ", " + retryPolicy : "") + "]";
    }
}
