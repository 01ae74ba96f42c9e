package io.github.wechatpay4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.NotificationReply;
import io.github.wechatpay4j.notification.Notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A WeChat Pay notification endpoint on the JDK's {@code HttpServer}. The same few lines fit a servlet or a Spring
 * controller: read the raw body bytes, hand them over with a header lookup, send back the reply.
 */
public final class NotificationEndpoint implements HttpHandler {
    private final Notifications notifications;
    private final Consumer<NotificationEvent> handler;

    public NotificationEndpoint(WechatPay client, Consumer<NotificationEvent> handler) {
        // redeliveries of a handled notification (same id) are acknowledged without calling the handler again
        this.notifications = client.notifications().withDeliveryTracker(DeliveryTracker.inMemory(10_000));
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes(); // the raw bytes: the signature covers them exactly
        }
        NotificationReply reply = notifications.handle(body, exchange.getRequestHeaders()::getFirst, handler);
        reply.contentType().ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        byte[] out = reply.bodyBytes();
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }
}
