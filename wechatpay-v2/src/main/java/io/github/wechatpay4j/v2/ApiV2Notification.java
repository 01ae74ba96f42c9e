package io.github.wechatpay4j.v2;

import java.util.Map;

/** An APIv2 notification, verified (payment) or decrypted (refund), ready for the application. */
public sealed interface ApiV2Notification permits ApiV2PaymentNotification, ApiV2RefundNotification {

    /** What identifies this event across redeliveries (for a {@code DeliveryTracker}). */
    String id();

    /** Every field, as WeChat Pay sent it (a refund's are those of its decrypted {@code req_info}). */
    Map<String, String> fields();

    /**
     * The event type, named as APIv3 names the same events so that one listener vocabulary serves both:
     * {@code TRANSACTION.SUCCESS} (or {@code TRANSACTION.FAIL}) for a payment; {@code REFUND.SUCCESS},
     * {@code REFUND.ABNORMAL} ({@code refund_status=CHANGE}) or {@code REFUND.CLOSED} ({@code REFUNDCLOSE}) for a
     * refund.
     */
    String eventType();

    /** Whether the event is a success ({@code result_code}, {@code refund_status}). */
    boolean isSuccess();
}
