package io.github.wechatpay4j.testkit;

import java.net.URI;
import java.util.List;

/**
 * How the fake server's delivery of one notification went, at the moment it was read.
 *
 * @param id          the notification {@code id} (the same on every attempt, as WeChat Pay sends it)
 * @param eventType   {@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS}, …
 * @param businessKey {@code out_trade_no} or {@code out_refund_no}
 * @param url         where it was posted
 * @param attempts    the HTTP status of each attempt so far; {@code -1} when the attempt failed without one
 *                    (connection refused, timeout)
 * @param state       where the delivery stands
 */
public record NotificationDelivery(
        String id, String eventType, String businessKey, URI url, List<Integer> attempts, State state) {

    public NotificationDelivery {
        attempts = List.copyOf(attempts);
    }

    /** Where a delivery stands. */
    public enum State {
        /** Not yet answered with 2xx; another attempt is scheduled. */
        PENDING,
        /** An attempt was answered with 2xx. */
        DELIVERED,
        /** Every attempt of the retry schedule failed. */
        GAVE_UP
    }
}
