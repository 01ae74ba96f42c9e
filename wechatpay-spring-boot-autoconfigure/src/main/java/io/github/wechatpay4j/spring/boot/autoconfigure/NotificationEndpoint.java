package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.HttpRequestHandler;

import java.io.IOException;
import java.util.Optional;

/**
 * The servlet endpoint WeChat Pay posts notifications to: {@code POST <notification-path>/<merchant name>} (APIv2's:
 * {@code …/<merchant name>/v2}, answered in XML). It reads
 * the raw body (bounded), has the merchant's client verify and decrypt it, skips redeliveries through the
 * {@link io.github.wechatpay4j.notification.DeliveryTracker}, hands the event to the listeners, and answers as WeChat
 * Pay expects: 200/204 on success, a failure status with a JSON {@code code}/{@code message} otherwise (then WeChat
 * Pay delivers again).
 */
final class NotificationEndpoint implements HttpRequestHandler {
    private final NotificationParsers parsers;
    private final NotificationListeners listeners;

    NotificationEndpoint(NotificationParsers parsers, NotificationListeners listeners) {
        this.parsers = parsers;
        this.listeners = listeners;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> v2 = parsers.apiV2Merchant(path);
        if (v2.isPresent()) {
            Optional<NotificationParsers.ApiV2Endpoint> endpoint = parsers.apiV2(v2.get());
            if (endpoint.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] body = request.getInputStream().readNBytes(Notifications.DEFAULT_MAX_BODY_BYTES + 1);
            NotificationParsers.Reply reply = body.length > Notifications.DEFAULT_MAX_BODY_BYTES
                    ? new NotificationParsers.Reply(413, null, null)
                    : endpoint.get().handle(body, (type, id, event) -> listeners.dispatch(v2.get(), type, id, event));
            response.setStatus(reply.status());
            if (reply.contentType() != null) {
                response.setContentType(reply.contentType());
                response.setContentLength(reply.body().length);
                response.getOutputStream().write(reply.body());
            }
            return;
        }
        Optional<String> name = parsers.merchant(path);
        Optional<Notifications> parser = name.flatMap(parsers::parser);
        if (parser.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        NotificationReply reply = parser.get()
                .handle(request.getInputStream(), request::getHeader, event -> listeners.dispatch(name.get(), event));
        response.setStatus(reply.status());
        if (reply.contentType().isPresent()) {
            response.setContentType(reply.contentType().get());
            byte[] body = reply.bodyBytes();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
