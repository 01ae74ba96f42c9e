package io.github.wechatpay4j.notification;

import io.github.wechatpay4j.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The answer to send WeChat Pay for a notification, within 5 seconds: {@link #success()} (204, no body) or
 * {@link #failure(int, String)} (4xx/5xx with {@code {"code":"FAIL","message":"…"}}), after which WeChat Pay delivers
 * the notification again later.
 *
 * @param status HTTP status to answer with
 * @param body   the body, empty for success
 */
public record NotificationReply(int status, String body) {

    public NotificationReply {
        if (body == null) {
            throw new InvalidRequestException("a notification reply body must not be null; use \"\" for none");
        }
    }

    /** 204 No Content: the notification was handled (or was a duplicate of one already handled). */
    public static NotificationReply success() {
        return new NotificationReply(204, "");
    }

    /** 200 with no body, for frameworks that cannot send 204. */
    public static NotificationReply ok() {
        return new NotificationReply(200, "");
    }

    /**
     * A failure WeChat Pay will retry: {@code status} is 4xx or 5xx; {@code message} is shown in the merchant
     * platform's delivery log, so keep it short and free of personal data.
     */
    public static NotificationReply failure(int status, String message) {
        if (status < 400 || status > 599) {
            throw new InvalidRequestException("a failure reply needs a 4xx or 5xx status, got " + status);
        }
        String text = message == null || message.isBlank() ? "failed" : message;
        return new NotificationReply(status, "{\"code\":\"FAIL\",\"message\":\"" + escape(text) + "\"}");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** {@code application/json; charset=utf-8} when there is a body. */
    public Optional<String> contentType() {
        return body.isEmpty() ? Optional.empty() : Optional.of("application/json; charset=utf-8");
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
