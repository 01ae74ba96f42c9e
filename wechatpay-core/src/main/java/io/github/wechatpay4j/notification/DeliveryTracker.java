package io.github.wechatpay4j.notification;

import io.github.wechatpay4j.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which notifications were handled, by notification {@code id}, so that a redelivery of the same event
 * (WeChat Pay retries until it gets a success answer, and may deliver twice anyway) is not handled twice.
 * {@link Notifications#handle} claims the ID before calling your handler and releases it when the handler fails.
 *
 * <p>Back it with your database (a unique key on the ID) when you run more than one instance;
 * {@link #inMemory(int)} suits a single instance. Implementations must be thread-safe.
 */
public interface DeliveryTracker {

    /** Claims {@code notificationId}: {@code true} the first time, {@code false} when already claimed. */
    boolean claim(String notificationId);

    /** Forgets a claim because handling failed, so the next delivery is handled again. */
    void release(String notificationId);

    /** A bounded in-memory tracker remembering the most recent {@code capacity} IDs (one per instance). */
    static DeliveryTracker inMemory(int capacity) {
        if (capacity <= 0) {
            throw new ConfigurationException("the delivery tracker capacity must be positive, got " + capacity);
        }
        Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        return new DeliveryTracker() {
            @Override
            public boolean claim(String notificationId) {
                synchronized (seen) {
                    return seen.putIfAbsent(notificationId, Boolean.TRUE) == null;
                }
            }

            @Override
            public void release(String notificationId) {
                synchronized (seen) {
                    seen.remove(notificationId);
                }
            }

            @Override
            public String toString() {
                return "DeliveryTracker.inMemory(" + capacity + ")";
            }
        };
    }
}
