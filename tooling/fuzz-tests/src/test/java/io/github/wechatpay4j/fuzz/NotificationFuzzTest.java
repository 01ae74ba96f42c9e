package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.notification.RefundNotice;
import io.github.wechatpay4j.notification.TransactionSuccess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static io.github.wechatpay4j.fuzz.Harness.only;

/**
 * Notifications that pass verification and decryption (signed and sealed here), with a fuzzed envelope and a fuzzed
 * resource: the parsing and the binding into typed events are what is exercised.
 */
class NotificationFuzzTest {
    private static final String[] EVENTS = {
        "TRANSACTION.SUCCESS", "REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED", "MCHTRANSFER.BILL.FINISHED"
    };

    @FuzzTest(maxDuration = "8s")
    void signedNotificationsFailOnlyWithTypedErrors(FuzzedDataProvider data) {
        boolean jackson = data.consumeBoolean();
        Notifications notifications =
                Notifications.of(Harness.VERIFIER, Harness.APIV3, jackson ? Harness.JACKSON : Harness.GSON);
        byte[] body;
        if (data.consumeBoolean()) {
            body = data.consumeBytes(4096); // a raw envelope, signed
        } else {
            boolean genuineAad = data.consumeBoolean();
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("algorithm", data.consumeBoolean() ? "AEAD_AES_256_GCM" : data.consumeString(20));
            resource.put("associated_data", genuineAad ? "transaction" : data.consumeString(16));
            resource.put("nonce", "fdasflkja484");
            resource.put("original_type", "transaction");
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("id", data.consumeString(40));
            envelope.put("create_time", data.consumeBoolean() ? "2026-11-23T10:00:00+08:00" : data.consumeString(30));
            envelope.put("event_type", data.consumeBoolean() ? data.pickValue(EVENTS) : data.consumeString(30));
            envelope.put("resource_type", "encrypt-resource");
            envelope.put("summary", data.consumeString(20));
            envelope.put("resource", resource);
            // the plaintext comes last so that the fuzzer shapes it freely
            resource.put("ciphertext", Harness.seal("fdasflkja484", "transaction", data.consumeRemainingAsBytes()));
            body = Harness.JACKSON.write(envelope);
        }
        long ts = Harness.now();
        String nonce = "N0NCE";
        Map<String, String> h = Map.of(
                "Wechatpay-Serial",
                Harness.PUBLIC_KEY_ID,
                "Wechatpay-Timestamp",
                Long.toString(ts),
                "Wechatpay-Nonce",
                nonce,
                "Wechatpay-Signature",
                Harness.sign(ts, nonce, body),
                "Wechatpay-Signature-Type",
                "WECHATPAY2-SHA256-RSA2048");
        only(() -> {
            NotificationEvent event = notifications.parse(body, h::get);
            Objects.requireNonNull(event.toString());
            if (event instanceof TransactionSuccess t) {
                Objects.requireNonNull(t.transaction().toString());
            } else if (event instanceof RefundNotice r) {
                Objects.requireNonNull(r.refund().toString());
                r.isSuccess();
            }
            event.notification().resource(Map.class);
        });
        only(() -> notifications.handle(body, h::get, e -> {}));
    }
}
