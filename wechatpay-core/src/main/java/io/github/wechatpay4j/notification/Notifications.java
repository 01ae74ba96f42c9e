package io.github.wechatpay4j.notification;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Logs;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.Rfc3339;
import io.github.wechatpay4j.scheme.ApiV3Scheme;
import io.github.wechatpay4j.scheme.Scheme;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Verifies, decrypts and binds WeChat Pay notifications (回调通知). Give it the <b>raw body bytes</b> exactly as
 * received (never a re-serialised object) and a header lookup:
 *
 * <ol>
 *   <li>{@code Wechatpay-Timestamp} within the window (default 5 minutes) of the clock: an older delivery is a replay;
 *   <li>{@code Wechatpay-Serial} names a key the client holds (a certificate client downloads once on an unknown
 *       serial); {@code WECHATPAY/SIGNTEST/} probe signatures are rejected like any bad signature;
 *   <li>the signature over {@code timestamp\nnonce\nbody\n};
 *   <li>{@code resource} decrypted with the APIv3 key ({@code AEAD_AES_256_GCM}; {@code associated_data} may be absent);
 *   <li>bound by {@code event_type} to a {@link NotificationEvent}.
 * </ol>
 *
 * Immutable and thread-safe; {@code with…} methods return a changed copy. Get one from
 * {@code WechatPay.notifications()}, or build it with {@link #of} when you only receive notifications.
 */
public final class Notifications {

    private final Scheme scheme;
    private final JsonCodec codec;
    private final Clock clock;
    private final Duration window;
    private final DeliveryTracker tracker;
    private final int maxBodyBytes;

    /** The default largest notification body: 1 MiB, far above WeChat Pay's few kilobytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private Notifications(
            Scheme scheme, JsonCodec codec, Clock clock, Duration window, DeliveryTracker tracker, int maxBodyBytes) {
        this.scheme = scheme;
        this.codec = codec;
        this.clock = clock;
        this.window = window;
        this.tracker = tracker;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A parser over the given keys (the client's verifier), APIv3 key and JSON codec, with a 5-minute window: the
     * APIv3 scheme ({@link ApiV3Scheme#verifying}) over the suite of {@code verifier} when it is {@link PlatformKeys}
     * (SM2 keys verify and decrypt as ShangMi), RSA otherwise.
     */
    public static Notifications of(Verifier verifier, ApiV3Key apiV3Key, JsonCodec codec) {
        if (verifier == null || apiV3Key == null || codec == null) {
            throw new ConfigurationException(
                    "notifications need the WeChat Pay verification keys, the APIv3 key" + " and a JSON codec");
        }
        CryptoSuite suite = verifier instanceof PlatformKeys keys ? keys.suite() : CryptoSuite.rsa();
        return of(ApiV3Scheme.verifying(verifier, apiV3Key, suite), codec);
    }

    /**
     * A parser that verifies and decrypts with {@code scheme} (the client's, or another scheme's from its own
     * module), with a 5-minute window.
     */
    public static Notifications of(Scheme scheme, JsonCodec codec) {
        if (scheme == null || codec == null) {
            throw new ConfigurationException("notifications need the merchant's scheme and a JSON codec");
        }
        return new Notifications(
                scheme, codec, Clock.systemUTC(), Protocol.DEFAULT_WINDOW, null, DEFAULT_MAX_BODY_BYTES);
    }

    /** How far {@code Wechatpay-Timestamp} may be from the clock; older deliveries are rejected as replays. */
    public Notifications withWindow(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new ConfigurationException("the notification window must be positive");
        }
        return new Notifications(scheme, codec, clock, window, tracker, maxBodyBytes);
    }

    public Notifications withClock(Clock clock) {
        if (clock == null) {
            throw new ConfigurationException("clock must not be null");
        }
        return new Notifications(scheme, codec, clock, window, tracker, maxBodyBytes);
    }

    /**
     * Skips redeliveries in {@link #handle}: a notification ID already handled is answered with success, one being
     * handled right now with a failure (503), so that WeChat Pay delivers it again.
     */
    public Notifications withDeliveryTracker(DeliveryTracker tracker) {
        return new Notifications(scheme, codec, clock, window, tracker, maxBodyBytes);
    }

    /**
     * The largest body accepted (default {@link #DEFAULT_MAX_BODY_BYTES}); a larger one is rejected before it is
     * verified or parsed, and {@link #parse(InputStream, Function)} stops reading at the limit.
     */
    public Notifications withMaxBodyBytes(int max) {
        if (max <= 0) {
            throw new ConfigurationException("the notification body limit must be positive, got " + max);
        }
        return new Notifications(scheme, codec, clock, window, tracker, max);
    }

    /**
     * Reads a notification body from the request stream, at most the limit of it: a longer body is a
     * {@link MalformedNotificationException} and the rest is not read.
     */
    public byte[] readBody(InputStream in) {
        if (in == null) {
            throw new MalformedNotificationException("no request body stream was given");
        }
        try {
            byte[] body = in.readNBytes(maxBodyBytes);
            if (body.length == maxBodyBytes && in.read() >= 0) {
                throw tooLarge();
            }
            return body;
        } catch (java.io.IOException e) {
            throw new MalformedNotificationException(
                    "the notification body could not be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private MalformedNotificationException tooLarge() {
        return new MalformedNotificationException("the notification body is larger than " + maxBodyBytes + " bytes;"
                + " WeChat Pay's are a few kilobytes, so it is rejected unread (raise withMaxBodyBytes if needed)");
    }

    /** {@link #parse(byte[], Function)} reading the body from the request stream (bounded, see {@link #readBody}). */
    public NotificationEvent parse(InputStream body, Function<String, String> headers) {
        return parse(readBody(body), headers);
    }

    /** {@link #handle(byte[], Function, Consumer)} reading the body from the request stream (bounded). */
    public NotificationReply handle(
            InputStream body, Function<String, String> headers, Consumer<? super NotificationEvent> handler) {
        byte[] bytes;
        try {
            bytes = readBody(body);
        } catch (MalformedNotificationException e) {
            Logs.NOTIFICATIONS.log(System.Logger.Level.WARNING, "notification rejected: " + e.getMessage());
            return NotificationReply.failure(400, "malformed notification");
        }
        return handle(bytes, headers, handler);
    }

    /**
     * Verifies and decrypts a notification.
     *
     * @param body    the raw request body bytes
     * @param headers a header lookup such as {@code request::getHeader}; looked up case-insensitively
     * @throws SignatureVerificationException stale/replayed, unknown serial, probe or bad signature: do not act on it
     * @throws DecryptionException            the resource does not decrypt with the APIv3 key
     * @throws MalformedNotificationException the body is not a WeChat Pay notification
     */
    public NotificationEvent parse(byte[] body, Function<String, String> headers) {
        if (headers == null) {
            throw new MalformedNotificationException("no header lookup was given; pass request::getHeader");
        }
        Headers.Builder collected = Headers.builder();
        for (String name : scheme.signatureHeaders()) {
            String value = lookup(headers, name);
            if (value != null) {
                collected.set(name, value);
            }
        }
        return parse(body, collected.build());
    }

    /** {@link #parse(byte[], Function)} with headers already collected (names are case-insensitive). */
    public NotificationEvent parse(byte[] body, Headers headers) {
        if (body == null || body.length == 0) {
            throw new MalformedNotificationException("the notification body is empty: pass the raw request body");
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (headers == null) {
            throw new MalformedNotificationException("no notification headers were given");
        }
        try {
            scheme.verify(headers, body, clock.instant(), window); // before reading a single field
        } catch (WechatPayException e) {
            throw e;
        } catch (RuntimeException e) { // a custom scheme or verifier that does not keep its contract
            throw new SignatureVerificationException(
                    SignatureVerificationException.Reason.BAD_SIGNATURE,
                    "the " + scheme.name() + " verification failed ("
                            + e.getClass().getSimpleName() + "); the" + " notification is rejected",
                    e);
        }
        Envelope envelope;
        try {
            envelope = codec.read(body, Envelope.class);
        } catch (RuntimeException e) {
            throw new MalformedNotificationException(
                    "the notification body is not a WeChat Pay notification's JSON (" + body.length + " bytes)", e);
        }
        if (envelope == null) {
            throw new MalformedNotificationException("the notification body is JSON null");
        }
        String id = required(envelope.id(), "id");
        String eventType = required(envelope.eventType(), "event_type");
        Envelope.Resource resource = envelope.resource();
        if (resource == null) {
            throw new MalformedNotificationException("notification " + id + " has no \"resource\" object");
        }
        byte[] plaintext;
        try {
            plaintext = scheme.decrypt(
                    resource.algorithm(), resource.associatedData(), resource.nonce(), resource.ciphertext());
        } catch (DecryptionException e) {
            throw new DecryptionException("notification " + id + " (" + eventType + "): " + e.getMessage(), e);
        }
        OffsetDateTime created = null;
        String createTime = envelope.createTime();
        if (createTime != null) {
            try {
                created = Rfc3339.parse(createTime);
            } catch (DateTimeParseException e) {
                throw new MalformedNotificationException(
                        "notification " + id + " has create_time '" + createTime + "', which is not RFC 3339", e);
            }
        }
        Notification n = new Notification(
                id,
                created,
                eventType,
                envelope.resourceType(),
                envelope.summary(),
                resource.originalType(),
                plaintext,
                codec);
        return switch (eventType) {
            case "TRANSACTION.SUCCESS" -> new TransactionSuccess(n, n.resource(TransactionSuccess.Transaction.class));
            case "REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED" ->
                new RefundNotice(n, n.resource(RefundNotice.Refund.class));
            default -> new GenericNotification(n);
        };
    }

    /**
     * Parses, skips redeliveries (with a {@link DeliveryTracker}), runs {@code handler}, and returns the reply to send:
     * success when handled or already handled; a failure (so WeChat Pay retries) when verification, decryption or
     * the handler failed, when the same notification is being handled by another delivery at this moment, or when the
     * delivery tracker cannot be asked. Failure replies carry a generic message, never the reason, which is logged instead.
     */
    public NotificationReply handle(
            byte[] body, Function<String, String> headers, Consumer<? super NotificationEvent> handler) {
        if (handler == null) {
            throw new ConfigurationException("the notification handler must not be null");
        }
        NotificationEvent event;
        try {
            event = parse(body, headers);
        } catch (SignatureVerificationException e) {
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.WARNING, "notification rejected (" + e.reason() + "): " + e.getMessage());
            return NotificationReply.failure(401, "signature verification failed");
        } catch (DecryptionException e) {
            Logs.NOTIFICATIONS.log(System.Logger.Level.ERROR, "notification not decrypted: " + e.getMessage());
            return NotificationReply.failure(500, "decryption failed");
        } catch (WechatPayException e) {
            Logs.NOTIFICATIONS.log(System.Logger.Level.WARNING, "notification rejected: " + e.getMessage());
            return NotificationReply.failure(400, "malformed notification");
        }
        DeliveryTracker.Claim claim;
        try {
            claim = tracker == null ? DeliveryTracker.Claim.CLAIMED : tracker.claim(event.id());
        } catch (RuntimeException e) { // its database is down, say: not handled, so WeChat Pay delivers it again
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.WARNING,
                    "the delivery tracker could not claim notification " + event.id() + " (" + event.eventType()
                            + "); answering a failure so that WeChat Pay delivers it again",
                    e);
            return NotificationReply.failure(503, "processing unavailable");
        }
        if (claim == DeliveryTracker.Claim.DONE) {
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.DEBUG,
                    () -> "notification " + event.id() + " (" + event.eventType()
                            + ") was already handled; answering success");
            return NotificationReply.success();
        }
        if (claim == DeliveryTracker.Claim.IN_PROGRESS) {
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.INFO,
                    () -> "notification " + event.id() + " (" + event.eventType()
                            + ") arrived again while it is being handled; answering a failure so that WeChat Pay retries");
            return NotificationReply.failure(503, "processing in progress");
        }
        boolean handled = false;
        try {
            handler.accept(event);
            handled = true;
        } catch (RuntimeException e) {
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.WARNING,
                    "the handler failed on notification " + event.id() + " (" + event.eventType()
                            + "); WeChat Pay will deliver it again",
                    e);
            return NotificationReply.failure(500, "processing failed");
        } finally {
            if (tracker != null) {
                settle(event, handled);
            }
        }
        return NotificationReply.success();
    }

    /** Done after success; free again after any failure (an Error included), so that no claim is left behind. */
    private void settle(NotificationEvent event, boolean handled) {
        try {
            if (handled) {
                tracker.complete(event.id());
            } else {
                tracker.release(event.id());
            }
        } catch (RuntimeException e) {
            Logs.NOTIFICATIONS.log(
                    System.Logger.Level.WARNING,
                    "the delivery tracker could not record notification " + event.id() + " as "
                            + (handled ? "done" : "free") + "; a redelivery may be handled again",
                    e);
        }
    }

    private static String lookup(Function<String, String> headers, String name) {
        String value = headers.apply(name);
        if (value == null) {
            value = headers.apply(name.toLowerCase(Locale.ROOT));
        }
        if (value == null) {
            value = headers.apply(name.toUpperCase(Locale.ROOT));
        }
        return value;
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new MalformedNotificationException("the notification has no \"" + field + "\"");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Notifications[" + scheme + ", window=" + window + ", tracker=" + tracker + "]";
    }
}
