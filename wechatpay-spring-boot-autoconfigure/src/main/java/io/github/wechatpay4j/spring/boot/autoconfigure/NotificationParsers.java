package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.Notifications;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What both notification endpoints (servlet and reactive) share: which merchant a request path names, and that
 * merchant's notification parser with the application's {@link DeliveryTracker}, made once.
 */
final class NotificationParsers {
    private static final System.Logger LOG = System.getLogger(NotificationParsers.class.getName());

    /** What an endpoint answers: the status, and the body with its type ({@code null} for none). */
    record Reply(int status, String contentType, byte[] body) {}

    /** Where a verified event goes: its type, its id, the event itself (an APIv2 notification). */
    @FunctionalInterface
    interface Dispatch {
        void accept(String eventType, String id, Object event);
    }

    /** One merchant's APIv2 notification handling (made by {@link ApiV2Support}, which sees the module). */
    @FunctionalInterface
    interface ApiV2Endpoint {
        Reply handle(byte[] body, Dispatch dispatch);
    }

    private static final String V2_SUFFIX = "/v2";

    private final WechatPayClients clients;
    private final DeliveryTracker tracker;
    private final String prefix;
    private final Map<String, WechatPayProperties.Merchant> merchants;
    private final boolean apiV2;
    private final Map<String, Notifications> parsers = new ConcurrentHashMap<>();
    private final Map<String, Optional<ApiV2Endpoint>> apiV2Endpoints = new ConcurrentHashMap<>();

    NotificationParsers(WechatPayClients clients, DeliveryTracker tracker, WechatPayProperties properties) {
        this.clients = clients;
        this.tracker = tracker;
        this.prefix = properties.notificationPath();
        this.merchants = Map.copyOf(properties.merchants());
        this.apiV2 = ApiV2Support.available(NotificationParsers.class.getClassLoader());
    }

    /**
     * The merchant whose APIv2 notifications {@code path} names ({@code <prefix>/<name>/v2}), or empty when it names
     * none.
     */
    Optional<String> apiV2Merchant(String path) {
        if (path == null || !path.endsWith(V2_SUFFIX)) {
            return Optional.empty();
        }
        return merchant(path.substring(0, path.length() - V2_SUFFIX.length()));
    }

    /**
     * The APIv2 notification handling of merchant {@code name}, or empty when it has no APIv2 key (or the module is
     * absent).
     */
    Optional<ApiV2Endpoint> apiV2(String name) {
        if (!apiV2) {
            return Optional.empty();
        }
        return apiV2Endpoints.computeIfAbsent(
                name,
                n -> Optional.ofNullable(ApiV2Support.endpoint(merchants.get(n), "wechatpay.merchants." + n, tracker)));
    }

    /** The path notifications are posted under: {@code <prefix>/<merchant name>}. */
    String prefix() {
        return prefix;
    }

    /** The merchant name at the end of {@code path} (without the context path), or empty when it names none. */
    Optional<String> merchant(String path) {
        if (path == null || !path.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String name = path.substring(prefix.length() + 1);
        return clients.names().contains(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * The parser of merchant {@code name}, or empty (with a warning) when that merchant has no APIv3 key and so cannot
     * decrypt notifications.
     */
    Optional<Notifications> parser(String name) {
        try {
            return Optional.of(parsers.computeIfAbsent(
                    name, n -> clients.get(n).notifications().withDeliveryTracker(tracker)));
        } catch (ConfigurationException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "a notification for wechatpay.merchants." + name + " is refused: " + e.getMessage());
            return Optional.empty();
        }
    }
}
