package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.RsaOaep;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's per-call building blocks, each alone: what a call costs before any I/O. Run with {@code -prof gc} for
 * allocation per operation. The RSA private-key operation (sign, OAEP decrypt) is the physical floor of a call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MicroBenchmarks {
    static final byte[] PREPAY_BODY = Payloads.PREPAY_REQUEST_JSON.getBytes(StandardCharsets.UTF_8);

    TestKeys keys;
    RsaSigner signer;
    PlatformKeys platformKeys;
    Headers responseHeaders;
    byte[] responseBody;
    Clock clock;
    String oaepCiphertext;
    ApiV3Key apiV3Key;
    String[] resource;
    Notifications notifications;
    FakeNotification notification;
    NotificationFloor notificationFloor;
    SecureRandom random;

    @Setup(Level.Trial)
    public void setUp() {
        keys = TestKeys.generate();
        random = new SecureRandom();
        signer = new RsaSigner(keys.merchantKeys().getPrivate());
        platformKeys = PlatformKeys.builder()
                .publicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                .build();
        responseBody = Payloads.TRANSACTION_JSON.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String nonce = Protocol.nonce(random);
        String signature = new RsaSigner(keys.platformKeys().getPrivate())
                .sign(Protocol.responseMessage(Long.toString(now), nonce, responseBody));
        responseHeaders = Headers.of(
                "Wechatpay-Serial",
                keys.publicKeyId(),
                "Wechatpay-Signature",
                signature,
                "Wechatpay-Timestamp",
                Long.toString(now),
                "Wechatpay-Nonce",
                nonce);
        clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        oaepCiphertext = RsaOaep.encrypt(keys.merchantKeys().getPublic(), "张三");
        apiV3Key = ApiV3Key.of(keys.apiV3Key());
        try (FakeWechatPay server = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY, clock)) {
            notification = server.notification("TRANSACTION.SUCCESS", Payloads.TRANSACTION_JSON);
        }
        notifications =
                Notifications.of(platformKeys, apiV3Key, new JacksonJsonCodec()).withClock(clock);
        try {
            notificationFloor =
                    new NotificationFloor(notification, keys.platformKeys().getPublic(), keys.apiV3Key());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SHA256withRSA over a typical prepay request message: the private-key operation every call pays. */
    @Benchmark
    public String sign() {
        return signer.sign(prepayRequestMessage());
    }

    /** The signed message of a typical prepay request (fixed time and nonce), built anew as each call does. */
    static byte[] prepayRequestMessage() {
        return Protocol.requestMessage(
                "POST", "/v3/pay/transactions/jsapi", 1700000000L, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", PREPAY_BODY);
    }

    /** The whole {@code Authorization} header: nonce, message, signature, formatting. */
    @Benchmark
    public String authorization() {
        String nonce = Protocol.nonce(random);
        long now = clock.instant().getEpochSecond();
        String signature =
                signer.sign(Protocol.requestMessage("POST", "/v3/pay/transactions/jsapi", now, nonce, PREPAY_BODY));
        return Protocol.authorization(signer.algorithm(), keys.mchid(), nonce, now, keys.merchantSerial(), signature);
    }

    /** A response's verification: headers, window, probe check, SHA256withRSA public-key verify. */
    @Benchmark
    public Headers verify() {
        Protocol.verify(responseHeaders, responseBody, platformKeys, clock, Protocol.DEFAULT_WINDOW);
        return responseHeaders;
    }

    /** RSA-OAEP encryption of a sensitive field with the platform public key. */
    @Benchmark
    public String oaepEncrypt() {
        return RsaOaep.encrypt(keys.platformKeys().getPublic(), "张三");
    }

    /** RSA-OAEP decryption of a sensitive field with the merchant private key. */
    @Benchmark
    public String oaepDecrypt() {
        return RsaOaep.decrypt(keys.merchantKeys().getPrivate(), oaepCiphertext);
    }

    /** AES-256-GCM decryption of a notification resource (a typical transaction, ≈ 700 bytes). */
    @Benchmark
    public byte[] notificationDecrypt(NotificationResource r) {
        return apiV3Key.decrypt(r.associatedData, r.nonce, r.ciphertext);
    }

    /** A whole notification: window, serial, signature, AES-GCM, binding into {@code TransactionSuccess}. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    @BenchmarkMode(Mode.Throughput)
    public NotificationEvent notificationHandling() {
        return notifications.parse(notification.body(), notification::header);
    }

    /** The crypto floor of a notification ({@link NotificationFloor}): one RSA verify, one AES-GCM decrypt. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    @BenchmarkMode(Mode.Throughput)
    public byte[] notificationCryptoFloor() throws Exception {
        return notificationFloor.handle();
    }

    /** A notification resource encrypted once. */
    @State(Scope.Benchmark)
    public static class NotificationResource {
        String associatedData = "transaction";
        String nonce = "fdasflkja484";
        String ciphertext;

        @Setup
        public void encrypt(MicroBenchmarks outer) {
            ciphertext = Payloads.aesGcm(
                    outer.keys.apiV3Key(),
                    associatedData,
                    nonce,
                    Payloads.TRANSACTION_JSON.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** JSON encode and decode of a typical prepay request and response, per adapter. */
    @State(Scope.Benchmark)
    public static class Json {
        @Param({"jackson", "gson"})
        String adapter;

        JsonCodec codec;
        Payloads.PrepayRequest request;
        byte[] requestJson;
        byte[] responseJson;

        @Setup
        public void setUp() {
            codec = adapter.equals("jackson") ? new JacksonJsonCodec() : new GsonJsonCodec();
            request = Payloads.prepayRequest();
            requestJson = codec.write(request);
            responseJson = Payloads.TRANSACTION_JSON.getBytes(StandardCharsets.UTF_8);
        }

        @TearDown
        public void check() {
            if (!codec.read(requestJson, Payloads.PrepayRequest.class).equals(request)) {
                throw new IllegalStateException(adapter + " does not round-trip the prepay request");
            }
        }
    }

    @Benchmark
    public byte[] jsonEncodePrepayRequest(Json json) {
        return json.codec.write(json.request);
    }

    @Benchmark
    public Payloads.PrepayRequest jsonDecodePrepayRequest(Json json) {
        return json.codec.read(json.requestJson, Payloads.PrepayRequest.class);
    }

    @Benchmark
    public Payloads.Transaction jsonDecodeTransaction(Json json) {
        return json.codec.read(json.responseJson, Payloads.Transaction.class);
    }

    /** A 1 MiB encrypted bill (16-character nonce, as in the spec's example), sealed once. */
    @State(Scope.Benchmark)
    public static class EncryptedBill {
        final byte[] key = "0123456789abcdefghijABCDEFGHIJ01".getBytes(StandardCharsets.UTF_8);
        final byte[] nonce = "a1b2c3d4e5f6g7h8".getBytes(StandardCharsets.UTF_8);
        final byte[] buffer = new byte[64 * 1024];
        byte[] sealed;

        @Setup
        public void seal() throws Exception {
            byte[] plain = new byte[1 << 20];
            new java.util.Random(1).nextBytes(plain);
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            sealed = gcm.doFinal(plain);
        }
    }

    /** Streaming AES-256-GCM decryption of 1 MiB, as encrypted bills are read (tag checked at the end). */
    @Benchmark
    public long encryptedBillStream1MiB(EncryptedBill bill) throws Exception {
        long n = 0;
        try (java.io.InputStream in = new io.github.wechatpay4j.internal.GcmDecryptingStream(
                new java.io.ByteArrayInputStream(bill.sealed), bill.key, bill.nonce)) {
            for (int k; (k = in.read(bill.buffer)) >= 0; ) {
                n += k;
            }
        }
        return n;
    }

    /** The same 1 MiB through the JDK's GCM cipher in one piece (it holds all plaintext until the tag): the floor. */
    @Benchmark
    public byte[] jdkGcm1MiB(EncryptedBill bill) throws Exception {
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(
                javax.crypto.Cipher.DECRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(bill.key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, bill.nonce));
        return gcm.doFinal(bill.sealed);
    }
}
