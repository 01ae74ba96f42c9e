package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.HttpRequestHandler;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servlet endpoint WeChat Pay posts notifications to: {@code POST <notification-path>/<merchant name>}. It reads
 * the raw body (bounded), has the merchant's client verify and decrypt it, skips redeliveries through the
 * {@link DeliveryTracker}, hands the event to the listeners, and answers as WeChat Pay expects: 200/204 on success,
 * a failure status with a JSON {@code code}/{@code message} otherwise (then WeChat Pay delivers again).
 */
final class NotificationEndpoint implements HttpRequestHandler {
    private static final System.Logger LOG = System.getLogger(NotificationEndpoint.class.getName());
    private final WechatPayClients clients;
    private final DeliveryTracker tracker;
    private final NotificationListeners listeners;
    private final String prefix;
    private final Map<String, Notifications> parsers = new ConcurrentHashMap<>();

    NotificationEndpoint(
            WechatPayClients clients, DeliveryTracker tracker, NotificationListeners listeners, String prefix) {
        this.clients = clients;
        this.tracker = tracker;
        this.listeners = listeners;
        this.prefix = prefix;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String name = path.length() > prefix.length() + 1 ? path.substring(prefix.length() + 1) : "";
        if (!clients.names().contains(name)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Notifications parser;
        try {
            parser = parsers.computeIfAbsent(name, n -> {
                WechatPay client = clients.get(n);
                return client.notifications().withDeliveryTracker(tracker);
            });
        } catch (ConfigurationException e) { // no APIv3 key: this merchant cannot decrypt notifications
            LOG.log(
                    System.Logger.Level.WARNING,
                    "a notification for wechatpay.merchants." + name + " is refused: " + e.getMessage());
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        NotificationReply reply =
                parser.handle(request.getInputStream(), request::getHeader, event -> listeners.dispatch(name, event));
        response.setStatus(reply.status());
        if (reply.contentType().isPresent()) {
            response.setContentType(reply.contentType().get());
            byte[] body = reply.bodyBytes();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
