package io.github.wechatpay4j.notification;

import io.github.wechatpay4j.ConfigurationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which notifications were handled, by notification {@code id}, so that a redelivery of the same event
 * (WeChat Pay retries until it gets a success answer, and may deliver twice anyway, even at the same time) is not
 * handled twice, and is never acknowledged before it was handled. Each ID is in one of three states: free, in
 * progress, done. {@link Notifications#handle} claims the ID (free to in progress) before calling your handler,
 * completes it (done) when the handler returned, and releases it (free again) when the handler failed. A delivery that
 * finds its ID in progress is answered with a failure, so that WeChat Pay delivers it again later: if the first
 * handler then fails, the event is still handled.
 *
 * <p>Back it with your database when you run more than one instance: a row per ID with its state, claimed with an
 * insert under a unique key (or a conditional update from free); give in-progress rows a lease so that a claim left by
 * a crashed instance frees itself. {@link #inMemory(int)} suits a single instance. Implementations must be
 * thread-safe.
 */
public interface DeliveryTracker {

    /** What {@link #claim} found. */
    enum Claim {
        /** The ID was free and is now in progress for the caller, who must {@link #complete} or {@link #release}. */
        CLAIMED,
        /** Another delivery of the same notification is being handled right now. */
        IN_PROGRESS,
        /** The notification was handled already. */
        DONE
    }

    /** Moves {@code notificationId} from free to in progress, or says why it cannot. */
    Claim claim(String notificationId);

    /** The handler succeeded: the ID is done, and later deliveries are acknowledged without handling. */
    void complete(String notificationId);

    /** The handler failed: the ID is free again, so the next delivery is handled. */
    void release(String notificationId);

    /** A bounded in-memory tracker remembering the most recent {@code capacity} IDs (one per instance). */
    static DeliveryTracker inMemory(int capacity) {
        if (capacity <= 0) {
            throw new ConfigurationException("the delivery tracker capacity must be positive, got " + capacity);
        }
        Map<String, Claim> states = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Claim> eldest) {
                return size() > capacity;
            }
        };
        return new DeliveryTracker() {
            @Override
            public Claim claim(String notificationId) {
                synchronized (states) {
                    Claim state = states.putIfAbsent(notificationId, Claim.IN_PROGRESS);
                    return state == null ? Claim.CLAIMED : state;
                }
            }

            @Override
            public void complete(String notificationId) {
                synchronized (states) {
                    states.put(notificationId, Claim.DONE);
                }
            }

            @Override
            public void release(String notificationId) {
                synchronized (states) {
                    states.remove(notificationId, Claim.IN_PROGRESS);
                }
            }

            @Override
            public String toString() {
                return "DeliveryTracker.inMemory(" + capacity + ")";
            }
        };
    }
}
