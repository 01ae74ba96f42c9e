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

    private final WechatPayClients clients;
    private final DeliveryTracker tracker;
    private final String prefix;
    private final Map<String, Notifications> parsers = new ConcurrentHashMap<>();

    NotificationParsers(WechatPayClients clients, DeliveryTracker tracker, String prefix) {
        this.clients = clients;
        this.tracker = tracker;
        this.prefix = prefix;
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
