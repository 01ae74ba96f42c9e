package io.github.wechatpay4j.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A notification (callback) as WeChat Pay sends it: the envelope JSON with the resource encrypted by
 * {@code AEAD_AES_256_GCM} (or ShangMi's {@code AEAD_SM4_GCM}) under the APIv3 key, and the {@code Wechatpay-*} headers signing the exact body bytes.
 * Immutable: each {@code with…} returns a newly encrypted and signed notification.
 */
public final class FakeNotification {
    /** What a notification endpoint answered. */
    public record Delivery(int status, String body) {}

    private final String apiV3Key;
    private final FakeSuite suite;
    private final FakeSuite.FakePlatform signingKey;
    private final String serial;
    private final Instant timestamp;
    private final String eventType;
    private final String resourceJson;
    private final String id;
    private final String associatedData;
    private final boolean probe;
    private final boolean tamperBody;
    private final boolean breakTag;
    private final byte[] body;
    private final Map<String, String> headers;

    FakeNotification(
            String apiV3Key,
            FakeSuite suite,
            FakeSuite.FakePlatform signingKey,
            String serial,
            Instant timestamp,
            String eventType,
            String resourceJson) {
        this(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                UUID.randomUUID().toString(),
                defaultAssociatedData(eventType),
                false,
                false,
                false);
    }

    private FakeNotification(
            String apiV3Key,
            FakeSuite suite,
            FakeSuite.FakePlatform signingKey,
            String serial,
            Instant timestamp,
            String eventType,
            String resourceJson,
            String id,
            String associatedData,
            boolean probe,
            boolean tamperBody,
            boolean breakTag) {
        this.apiV3Key = apiV3Key;
        this.suite = suite;
        this.signingKey = signingKey;
        this.serial = serial;
        this.timestamp = timestamp;
        this.eventType = eventType;
        this.resourceJson = resourceJson;
        this.id = id;
        this.associatedData = associatedData;
        this.probe = probe;
        this.tamperBody = tamperBody;
        this.breakTag = breakTag;
        SecureRandom random = new SecureRandom();
        String nonce = Crypto.alphanumeric(random, 12);
        String ciphertext =
                suite.encryptResource(apiV3Key, associatedData, nonce, resourceJson.getBytes(StandardCharsets.UTF_8));
        if (breakTag) {
            ciphertext = Crypto.breakTag(ciphertext);
        }
        String created = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                timestamp.atOffset(ZoneOffset.ofHours(8)).withNano(0));
        String originalType = eventType.startsWith("REFUND.") ? "refund" : "transaction";
        String json = "{\"id\":\"" + Json.escape(id) + "\",\"create_time\":\"" + created
                + "\",\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + Json.escape(eventType)
                + "\",\"summary\":\"" + summary(eventType) + "\",\"resource\":{\"original_type\":\"" + originalType
                + "\",\"algorithm\":\"" + suite.resourceAlgorithm() + "\",\"ciphertext\":\"" + ciphertext + "\","
                + (associatedData == null ? "" : "\"associated_data\":\"" + Json.escape(associatedData) + "\",")
                + "\"nonce\":\"" + nonce + "\"}}";
        byte[] signed = json.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(timestamp.getEpochSecond());
        String headerNonce = Crypto.alphanumeric(random, 32);
        String signature = signingKey.sign(Crypto.message(ts, headerNonce, signed));
        if (probe) {
            signature = "WECHATPAY/SIGNTEST/" + signature;
        }
        byte[] sent = signed;
        if (tamperBody) {
            sent = json.replace("\"summary\":\"", "\"summary\":\"!").getBytes(StandardCharsets.UTF_8);
        }
        this.body = sent;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Serial", serial);
        h.put("Wechatpay-Signature", signature);
        h.put("Wechatpay-Timestamp", ts);
        h.put("Wechatpay-Nonce", headerNonce);
        h.put("Wechatpay-Signature-Type", suite.signatureType());
        this.headers = Map.copyOf(h);
    }

    private static String defaultAssociatedData(String eventType) {
        return eventType.startsWith("REFUND.") ? "refund" : "transaction";
    }

    private static String summary(String eventType) {
        return switch (eventType) {
            case "TRANSACTION.SUCCESS" -> "支付成功";
            case "REFUND.SUCCESS" -> "退款成功";
            case "REFUND.ABNORMAL" -> "退款异常";
            case "REFUND.CLOSED" -> "退款关闭";
            default -> "通知";
        };
    }

    /** The same notification signed at {@code timestamp} (and created then), e.g. six minutes ago for a replay. */
    public FakeNotification withTimestamp(Instant timestamp) {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                breakTag);
    }

    /** The same event under a given notification ID (redeliveries share their ID). */
    public FakeNotification withId(String id) {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                breakTag);
    }

    /** The resource's {@code associated_data}; {@code null} leaves the member out. */
    public FakeNotification withAssociatedData(String associatedData) {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                breakTag);
    }

    /** A {@code WECHATPAY/SIGNTEST/} probe signature. */
    public FakeNotification withProbeSignature() {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                true,
                tamperBody,
                breakTag);
    }

    /** The body changed after signing. */
    public FakeNotification withTamperedBody() {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                true,
                breakTag);
    }

    /** The resource ciphertext with a broken AES-GCM tag (but a valid signature over the body). */
    public FakeNotification withBrokenTag() {
        return new FakeNotification(
                apiV3Key,
                suite,
                signingKey,
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                true);
    }

    /**
     * Signed with a new platform key of the server's kind (RSA, or SM2 on a ShangMi server) under the same serial: a
     * forgery by someone who knows the serial but not the key.
     */
    public FakeNotification signedWithAnotherKey() {
        return new FakeNotification(
                apiV3Key,
                suite,
                suite.newPlatform(new SecureRandom(), timestamp.minusSeconds(60), Duration.ofDays(1)),
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                breakTag);
    }

    /** Signed with another key under the same serial (for example the wrong platform key). */
    public FakeNotification signedWith(java.security.PrivateKey key, String serial) {
        return new FakeNotification(
                apiV3Key,
                suite,
                new RsaFakeSuite.RsaPlatform(new java.security.KeyPair(null, key), serial, null),
                serial,
                timestamp,
                eventType,
                resourceJson,
                id,
                associatedData,
                probe,
                tamperBody,
                breakTag);
    }

    public String eventType() {
        return eventType;
    }

    public String id() {
        return id;
    }

    /** The exact body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The {@code Wechatpay-*} headers, canonical capitalisation. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A case-insensitive header lookup, like {@code HttpServletRequest::getHeader}. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) { // header names are ASCII
                return e.getValue();
            }
        }
        return null;
    }

    /** POSTs the notification to {@code url} as WeChat Pay does, waiting at most 5 seconds for the answer. */
    public Delivery postTo(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the notification could not be delivered to " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering the notification", e);
        }
    }

    @Override
    public String toString() {
        return "FakeNotification[" + eventType + ", id=" + id + ", serial=" + serial + ", at " + timestamp + "]";
    }
}
