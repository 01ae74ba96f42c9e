package io.github.wechatpay4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler of the fake server answers; the server signs it (unless a fault says otherwise).
 *
 * @param status  HTTP status
 * @param headers extra response headers
 * @param body    body bytes
 */
public record FakeResponse(int status, Map<String, String> headers, byte[] body) {

    public FakeResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A JSON answer. */
    public static FakeResponse json(int status, String json) {
        return new FakeResponse(
                status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with a JSON body. */
    public static FakeResponse ok(String json) {
        return json(200, json);
    }

    /** 204 without a body. */
    public static FakeResponse noContent() {
        return new FakeResponse(204, Map.of(), new byte[0]);
    }

    /** A WeChat Pay error body {@code {"code":…,"message":…}}. */
    public static FakeResponse error(int status, String code, String message) {
        return json(status, "{\"code\":\"" + Json.escape(code) + "\",\"message\":\"" + Json.escape(message) + "\"}");
    }

    /**
     * A WeChat Pay error body with a {@code detail} object naming the offending {@code field} (a JSON pointer such as
     * {@code /amount/total}), its {@code value}, the {@code issue} and its {@code location} ({@code body},
     * {@code query}, {@code path}, {@code header}).
     */
    public static FakeResponse error(
            int status, String code, String message, String field, Object value, String issue, String location) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("field", field);
        detail.put(
                "value",
                value == null
                        ? ""
                        : value instanceof Number || value instanceof Boolean ? value : String.valueOf(value));
        detail.put("issue", issue);
        detail.put("location", location);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("detail", detail);
        return json(status, Json.write(body));
    }

    /** This response with one more header. */
    public FakeResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeResponse(status, more, body);
    }

    /** Builds a response for a request. */
    @FunctionalInterface
    public interface Handler {
        FakeResponse handle(RecordedRequest request) throws Exception;
    }
}
