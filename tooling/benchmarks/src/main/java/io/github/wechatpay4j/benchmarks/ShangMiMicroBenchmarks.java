package io.github.wechatpay4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.crypto.sm.ShangMiSuite;
import io.github.wechatpay4j.crypto.sm.Sm2PrivateKey;
import io.github.wechatpay4j.crypto.sm.Sm2PublicKey;
import io.github.wechatpay4j.crypto.sm.Sm2Signer;
import io.github.wechatpay4j.crypto.sm.Sm4GcmKey;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The ShangMi counterparts of {@link MicroBenchmarks}' RSA and AES figures, on the same messages and the same code
 * paths, so that the two read side by side: {@code sm2Sign} beside {@code sign}, {@code sm2Verify} beside
 * {@code verify}, {@code sm2Encrypt}/{@code sm2Decrypt} beside {@code oaepEncrypt}/{@code oaepDecrypt},
 * {@code sm4GcmNotificationDecrypt} beside {@code notificationDecrypt}, {@code sm2NotificationHandling} beside
 * {@code notificationHandling}. The SM2 keys and the signed notification come from the fake in ShangMi mode (its own
 * SM2), read back through {@code wechatpay-crypto-sm} (Bouncy Castle's lightweight API).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ShangMiMicroBenchmarks {
    Sm2PrivateKey merchantKey;
    Sm2Signer signer;
    Sm2PublicKey merchantPublicKey;
    String sm2Ciphertext;
    PlatformKeys platformKeys;
    Clock clock;
    Headers notificationHeaders;
    byte[] notificationBody;
    Sm4GcmKey sm4Key;
    String associatedData;
    String nonce;
    String ciphertext;
    Notifications notifications;
    FakeNotification notification;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ShangMiKeys keys = ShangMiKeys.generate();
        merchantKey = Sm2PrivateKey.fromPem(keys.merchantPrivateKeyPem());
        signer = new Sm2Signer(merchantKey);
        merchantPublicKey = merchantKey.publicKey();
        sm2Ciphertext = merchantPublicKey.encrypt("张三");
        clock = Clock.fixed(Instant.ofEpochSecond(Instant.now().getEpochSecond()), ZoneOffset.UTC);
        String certificates;
        try (FakeWechatPay server = FakeWechatPay.startShangMi(keys, clock)) {
            notification = server.notification("TRANSACTION.SUCCESS", Payloads.TRANSACTION_JSON);
            certificates = server.certificatesPem();
        }
        platformKeys = PlatformKeys.builder()
                .suite(ShangMiSuite.INSTANCE)
                .certificates(certificates)
                .build();
        notificationBody = notification.body();
        notificationHeaders = Headers.of(
                "Wechatpay-Serial", notification.header("Wechatpay-Serial"),
                "Wechatpay-Signature", notification.header("Wechatpay-Signature"),
                "Wechatpay-Timestamp", notification.header("Wechatpay-Timestamp"),
                "Wechatpay-Nonce", notification.header("Wechatpay-Nonce"));
        JsonNode resource = new ObjectMapper().readTree(notificationBody).get("resource");
        if (!Sm4GcmKey.ALGORITHM.equals(resource.get("algorithm").asText())) {
            throw new IllegalStateException("the fake in ShangMi mode did not encrypt with " + Sm4GcmKey.ALGORITHM);
        }
        associatedData = resource.get("associated_data").asText();
        nonce = resource.get("nonce").asText();
        ciphertext = resource.get("ciphertext").asText();
        sm4Key = Sm4GcmKey.fromApiV3Key(keys.apiV3Key());
        notifications = Notifications.of(platformKeys, ApiV3Key.of(keys.apiV3Key()), new JacksonJsonCodec())
                .withClock(clock);
        if (!merchantPublicKey.verify(MicroBenchmarks.PREPAY_BODY, signer.sign(MicroBenchmarks.PREPAY_BODY))) {
            throw new IllegalStateException("an SM2 signature does not verify with its own key");
        }
    }

    /** SM2-with-SM3 over the same prepay request message as {@code sign}. */
    @Benchmark
    public String sm2Sign() {
        return signer.sign(MicroBenchmarks.prepayRequestMessage());
    }

    /** A signed answer's verification through the same path as {@code verify}, with an SM2 platform certificate. */
    @Benchmark
    public Headers sm2Verify() {
        Protocol.verify(notificationHeaders, notificationBody, platformKeys, clock, Protocol.DEFAULT_WINDOW);
        return notificationHeaders;
    }

    /** SM2 encryption of a sensitive field (ASN.1 C1C3C2). */
    @Benchmark
    public String sm2Encrypt() {
        return merchantPublicKey.encrypt("张三");
    }

    /** SM2 decryption of a sensitive field with the merchant key. */
    @Benchmark
    public String sm2Decrypt() {
        return merchantKey.decrypt(sm2Ciphertext);
    }

    /** AEAD_SM4_GCM decryption of a notification resource (the same transaction as {@code notificationDecrypt}). */
    @Benchmark
    public byte[] sm4GcmNotificationDecrypt() {
        return sm4Key.decrypt(associatedData, nonce, ciphertext);
    }

    /** A whole ShangMi notification: window, serial, SM2 signature, SM4-GCM, binding into {@code TransactionSuccess}. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    @BenchmarkMode(Mode.Throughput)
    public NotificationEvent sm2NotificationHandling() {
        return notifications.parse(notification.body(), notification::header);
    }
}
