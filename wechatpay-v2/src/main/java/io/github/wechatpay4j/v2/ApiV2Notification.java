package io.github.wechatpay4j.v2;

import java.util.Map;

/** An APIv2 notification, verified (payment) or decrypted (refund), ready for the application. */
public sealed interface ApiV2Notification permits ApiV2PaymentNotification, ApiV2RefundNotification {

    /** What identifies this event across redeliveries (for a {@code DeliveryTracker}). */
    String id();

    /** Every field, as WeChat Pay sent it (a refund's are those of its decrypted {@code req_info}). */
    Map<String, String> fields();

    /** Whether the event is a success ({@code result_code}, {@code refund_status}). */
    boolean isSuccess();
}
