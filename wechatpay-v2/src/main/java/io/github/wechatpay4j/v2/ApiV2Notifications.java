package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.notification.DeliveryTracker;

import java.util.Map;
import java.util.function.Consumer;

/**
 * One merchant's APIv2 notifications: a payment notification's {@code sign} verified with the algorithm the merchant
 * orders with (never the one the notification names for itself: a notification saying {@code sign_type=MD5} to a
 * merchant on HMAC-SHA256 is refused), a refund notification's {@code req_info} decrypted, both checked to be for
 * this merchant, redeliveries skipped through a {@link DeliveryTracker}, and the XML reply WeChat Pay expects.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiV2Notifications {
    private static final System.Logger LOG = System.getLogger(ApiV2Notifications.class.getName());

    private final String mchid;
    private final ApiV2Key key;
    private final SignType signType;
    private final DeliveryTracker tracker;
    private final int maxBodyBytes;

    private ApiV2Notifications(
            String mchid, ApiV2Key key, SignType signType, DeliveryTracker tracker, int maxBodyBytes) {
        this.mchid = mchid;
        this.key = key;
        this.signType = signType;
        this.tracker = tracker;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param mchid    the merchant the notifications must be for
     * @param key      the APIv2 key
     * @param signType the algorithm the merchant's orders declare in {@code sign_type}, which WeChat Pay signs their
     *                 payment notifications with
     */
    public static ApiV2Notifications of(String mchid, ApiV2Key key, SignType signType) {
        if (mchid == null || mchid.isBlank() || key == null || signType == null) {
            throw new ConfigurationException(
                    "APIv2 notifications need the merchant ID, the APIv2 key and the sign type");
        }
        return new ApiV2Notifications(mchid, key, signType, null, ApiV2Xml.DEFAULT_MAX_BYTES);
    }

    /** The same, skipping notifications {@code tracker} has seen handled. */
    public ApiV2Notifications withDeliveryTracker(DeliveryTracker tracker) {
        return new ApiV2Notifications(mchid, key, signType, tracker, maxBodyBytes);
    }

    /** The same, refusing bodies larger than {@code max} bytes. */
    public ApiV2Notifications withMaxBodyBytes(int max) {
        if (max < 256) {
            throw new ConfigurationException("the largest APIv2 notification body must be at least 256 bytes");
        }
        return new ApiV2Notifications(mchid, key, signType, tracker, max);
    }

    /**
     * The notification in {@code body}: a refund notification when it carries {@code req_info}, a payment notification
     * otherwise.
     *
     * @throws MalformedNotificationException  when it is not an APIv2 notification of this merchant
     * @throws SignatureVerificationException when a payment notification's sign does not verify
     * @throws DecryptionException             when a refund notification's {@code req_info} does not decrypt
     */
    public ApiV2Notification parse(byte[] body) {
        Map<String, String> fields;
        try {
            fields = ApiV2Xml.read(body, maxBodyBytes);
        } catch (MalformedXmlException e) {
            throw new MalformedNotificationException("the APIv2 notification is refused: " + e.getMessage(), e);
        }
        if (!"SUCCESS".equals(fields.get("return_code"))) {
            throw new MalformedNotificationException(
                    "the APIv2 notification's return_code is " + fields.get("return_code") + ", not SUCCESS");
        }
        if (!mchid.equals(fields.get("mch_id"))) {
            throw new MalformedNotificationException("the APIv2 notification is for merchant " + fields.get("mch_id")
                    + ", not " + mchid + ": it was sent to the wrong endpoint");
        }
        return fields.containsKey("req_info") ? refund(fields) : payment(fields);
    }

    private ApiV2PaymentNotification payment(Map<String, String> fields) {
        String declared = fields.get("sign_type");
        if (declared != null && !declared.isEmpty() && !declared.equals(signType.wireName())) {
            throw new SignatureVerificationException(
                    Reason.BAD_SIGNATURE,
                    "the APIv2 notification says sign_type=" + declared + " but this merchant's orders are signed "
                            + signType.wireName() + ": refused rather than verified with a weaker algorithm");
        }
        ApiV2Signatures.verify(fields, signType, key);
        if (fields.get("transaction_id") == null || fields.get("out_trade_no") == null) {
            throw new MalformedNotificationException(
                    "the APIv2 payment notification has no transaction_id or out_trade_no");
        }
        requireFen(fields, "total_fee");
        return new ApiV2PaymentNotification(fields);
    }

    private ApiV2RefundNotification refund(Map<String, String> envelope) {
        byte[] plaintext = AesEcb.decryptReqInfo(envelope.get("req_info"), key);
        Map<String, String> fields;
        try {
            fields = ApiV2Xml.read(plaintext, maxBodyBytes);
        } catch (MalformedXmlException e) {
            // a wrong key that happens to leave valid padding decrypts to noise: the same failure, in the end
            throw new DecryptionException("the refund notification's req_info does not decrypt to XML with this"
                    + " merchant's APIv2 key: it was encrypted with another key, or altered");
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
        if (fields.get("refund_id") == null || fields.get("refund_status") == null) {
            throw new MalformedNotificationException("the APIv2 refund notification has no refund_id or refund_status");
        }
        requireFen(fields, "refund_fee");
        requireFen(fields, "total_fee");
        return new ApiV2RefundNotification(envelope.get("mch_id"), envelope.get("appid"), fields);
    }

    /** An amount in fen, when present, is digits that fit a {@code long}: the typed accessors can read it. */
    private static void requireFen(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value != null && !value.matches("[0-9]{1,18}")) {
            throw new MalformedNotificationException("the APIv2 notification's " + name + " is not an amount in fen");
        }
    }

    /**
     * Parses, skips redeliveries, runs {@code handler}, and returns the reply: success when handled or handled before;
     * a failure (so that WeChat Pay delivers again) when the notification is refused, is being handled by another
     * delivery, or the handler failed. The reason is logged, never put in the reply.
     */
    public ApiV2Reply handle(byte[] body, Consumer<? super ApiV2Notification> handler) {
        ApiV2Notification notification;
        try {
            notification = parse(body);
        } catch (WechatPayException e) {
            LOG.log(System.Logger.Level.WARNING, "APIv2 notification refused: " + e.getMessage());
            return ApiV2Reply.failure(e instanceof SignatureVerificationException ? 401 : 400, "refused");
        }
        DeliveryTracker.Claim claim;
        try {
            claim = tracker == null ? DeliveryTracker.Claim.CLAIMED : tracker.claim(notification.id());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the delivery tracker could not claim " + notification.id(), e);
            return ApiV2Reply.failure(503, "processing unavailable");
        }
        if (claim == DeliveryTracker.Claim.DONE) {
            return ApiV2Reply.success();
        }
        if (claim == DeliveryTracker.Claim.IN_PROGRESS) {
            return ApiV2Reply.failure(503, "processing in progress");
        }
        boolean handled = false;
        try {
            handler.accept(notification);
            handled = true;
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the handler failed on " + notification.id() + "; WeChat Pay will deliver it again",
                    e);
            return ApiV2Reply.failure(500, "processing failed");
        } finally {
            settle(notification.id(), handled);
        }
        return ApiV2Reply.success();
    }

    private void settle(String id, boolean handled) {
        if (tracker == null) {
            return;
        }
        try {
            if (handled) {
                tracker.complete(id);
            } else {
                tracker.release(id);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the delivery tracker could not record " + id, e);
        }
    }

    @Override
    public String toString() {
        return "ApiV2Notifications[mchid=" + mchid + ", " + signType.wireName() + "]";
    }
}
