package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A 2xx answer from WeChat Pay whose signature has been verified: status, headers, the raw body, and the body bound
 * to a type through the client's JSON codec.
 */
public final class ApiResponse {

    private final int statusCode;
    private final Headers headers;
    private final byte[] body;
    private final JsonCodec codec;
    private final byte[] bound;

    ApiResponse(int statusCode, Headers headers, byte[] body, JsonCodec codec) {
        this(statusCode, headers, body, codec, body);
    }

    /** An answer whose body is not JSON (APIv2's XML): {@code bound} is the JSON the scheme made of it. */
    ApiResponse(int statusCode, Headers headers, byte[] body, JsonCodec codec, byte[] bound) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
        this.codec = codec;
        this.bound = bound;
    }

    public int statusCode() {
        return statusCode;
    }

    public Headers headers() {
        return headers;
    }

    /** The {@code Request-ID} header; quote it to WeChat Pay support. */
    public Optional<String> requestId() {
        return headers.first("Request-ID");
    }

    /** A copy of the raw body bytes, exactly as received and verified. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /**
     * The body bound to {@code type} (a record, a class, {@code Map}).
     *
     * @throws MalformedResponseException when there is no body or it is not JSON of that shape
     */
    public <T> T as(Class<T> type) {
        return as((Type) type);
    }

    /** The body bound to a generic type. */
    public <T> T as(Type type) {
        if (type == null) {
            throw new InvalidRequestException("the type to read the response into must not be null");
        }
        if (bound.length == 0) {
            throw new MalformedResponseException(
                    "HTTP " + statusCode + " has no body to read as " + type.getTypeName(),
                    statusCode,
                    requestId().orElse(null),
                    null);
        }
        try {
            return codec.read(bound, type);
        } catch (JsonCodecException e) {
            throw new MalformedResponseException(
                    "the HTTP " + statusCode + " body (" + body.length + " bytes, "
                            + headers.first("Content-Type").orElse("no Content-Type") + ") is not JSON of type "
                            + type.getTypeName() + ": " + e.getMessage(),
                    statusCode,
                    requestId().orElse(null),
                    e);
        } catch (RuntimeException e) { // a custom codec that does not keep the JsonCodec contract
            throw new MalformedResponseException(
                    "the HTTP " + statusCode + " body could not be read as " + type.getTypeName() + " ("
                            + e.getClass().getSimpleName() + ")",
                    statusCode,
                    requestId().orElse(null),
                    e);
        }
    }

    /** The body as a {@code Map} (nested objects are maps, arrays are lists). */
    public Map<String, Object> asMap() {
        return as(JsonTypes.MAP);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + statusCode + ", Request-ID " + requestId().orElse("-") + ", " + body.length + " bytes]";
    }
}
