package io.github.wechatpay4j.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles verified, decrypted WeChat Pay notifications of the given event types
 * ({@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS}…; {@code *} for all). The method takes one parameter: the
 * typed event ({@code TransactionSuccess}, {@code RefundNotice}), any {@code NotificationEvent}, or the
 * {@code Notification} envelope. A notification is handed to a listener once even when WeChat Pay delivers it again
 * (the {@code DeliveryTracker} bean); a listener that throws makes the endpoint answer a failure, so WeChat Pay
 * delivers it again later.
 *
 * <pre>{@code
 * @WechatPayListener("TRANSACTION.SUCCESS")
 * void paid(TransactionSuccess event) {
 *     orders.markPaid(event.transaction().outTradeNo(), event.transaction().amount().total());
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WechatPayListener {
    /** The event types handled; {@code *} for every type. */
    String[] value();

    /** The merchant (its name under {@code wechatpay.merchants}) whose notifications are handled; all by default. */
    String merchant() default "";
}
