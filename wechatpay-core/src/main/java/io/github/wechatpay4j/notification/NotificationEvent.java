package io.github.wechatpay4j.notification;

/**
 * A notification bound to its type by {@code event_type}: {@link TransactionSuccess} for {@code TRANSACTION.SUCCESS},
 * {@link RefundNotice} for {@code REFUND.SUCCESS}, {@code REFUND.ABNORMAL} and {@code REFUND.CLOSED}, and
 * {@link GenericNotification} for every other event (read its resource with {@link Notification#resource}).
 *
 * <pre>{@code
 * switch (event) {
 *     case TransactionSuccess paid -> orders.markPaid(paid.transaction().outTradeNo());
 *     case RefundNotice refund -> refunds.update(refund.refund().outRefundNo(), refund.refund().refundStatus());
 *     case GenericNotification other -> log.info("ignored " + other.notification().eventType());
 * }
 * }</pre>
 */
public sealed interface NotificationEvent permits TransactionSuccess, RefundNotice, GenericNotification {

    /** The envelope and the decrypted resource. */
    Notification notification();

    /** The notification ID, identical on redelivery. */
    default String id() {
        return notification().id();
    }

    default String eventType() {
        return notification().eventType();
    }
}
