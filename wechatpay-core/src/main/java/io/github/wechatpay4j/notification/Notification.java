package io.github.wechatpay4j.notification;

import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A verified and decrypted WeChat Pay notification: the envelope ({@code id}, {@code create_time},
 * {@code event_type}, {@code resource_type}, {@code summary}) and the decrypted {@code resource} JSON, which can be
 * bound to any type. {@link #toString()} never shows the decrypted resource, which may hold personal data.
 */
public final class Notification {

    private final String id;
    private final OffsetDateTime createTime;
    private final String eventType;
    private final String resourceType;
    private final String summary;
    private final String originalType;
    private final byte[] resource;
    private final JsonCodec codec;

    Notification(
            String id,
            OffsetDateTime createTime,
            String eventType,
            String resourceType,
            String summary,
            String originalType,
            byte[] resource,
            JsonCodec codec) {
        this.id = id;
        this.createTime = createTime;
        this.eventType = eventType;
        this.resourceType = resourceType;
        this.summary = summary;
        this.originalType = originalType;
        this.resource = resource;
        this.codec = codec;
    }

    /** The notification ID: the same for every delivery of one event, so it is the key for idempotent handling. */
    public String id() {
        return id;
    }

    public OffsetDateTime createTime() {
        return createTime;
    }

    /** {@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS}, … */
    public String eventType() {
        return eventType;
    }

    /** {@code encrypt-resource} for encrypted resources. */
    public String resourceType() {
        return resourceType;
    }

    public String summary() {
        return summary;
    }

    /** The resource's {@code original_type}, such as {@code transaction} or {@code refund}. */
    public String originalType() {
        return originalType;
    }

    /** The decrypted resource JSON as UTF-8 text. Holds personal data: do not log it. */
    public String resourceJson() {
        return new String(resource, StandardCharsets.UTF_8);
    }

    /** The decrypted resource bound to {@code type} through the JSON codec. */
    public <T> T resource(Type type) {
        try {
            return codec.read(resource, type);
        } catch (JsonCodecException e) {
            throw new MalformedNotificationException(
                    "the decrypted resource of notification " + id + " (" + eventType + ") is not JSON of type "
                            + type.getTypeName() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            throw new MalformedNotificationException(
                    "the decrypted resource of notification " + id + " could not be read as " + type.getTypeName()
                            + " (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    public <T> T resource(Class<T> type) {
        return resource((Type) type);
    }

    /** The decrypted resource as a map (nested objects are maps, arrays are lists). */
    public Map<String, Object> resourceAsMap() {
        return resource(JsonTypes.MAP);
    }

    @Override
    public String toString() {
        return "Notification[id=" + id + ", eventType=" + eventType + ", createTime=" + createTime + ", summary="
                + summary + ", resource=" + resource.length + " bytes, hidden]";
    }
}
