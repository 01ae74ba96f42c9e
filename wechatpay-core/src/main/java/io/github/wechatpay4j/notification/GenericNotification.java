package io.github.wechatpay4j.notification;

/** A notification whose event type has no typed binding here; its resource is available through the envelope. */
public record GenericNotification(Notification notification) implements NotificationEvent {}
