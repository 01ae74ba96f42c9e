package io.github.wechatpay4j.notification;

/**
 * The outer JSON of a notification, bound straight into a record (reading it as an untyped map cost a quarter of
 * the handling time). Every field is checked by {@link Notifications}, not here; {@code create_time} stays text so
 * that a bad one is reported with the notification's ID.
 */
record Envelope(
        String id, String createTime, String eventType, String resourceType, String summary, Resource resource) {

    /** The encrypted {@code resource} object. */
    record Resource(String algorithm, String ciphertext, String associatedData, String originalType, String nonce) {}
}
