package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wechatpay4j.notification.Notifications;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.github.wechatpay4j.fuzz.Harness.only;

/** The five Wechatpay-* signature headers, each either genuine or fuzzed, over a fixed notification body. */
class SignatureHeadersFuzzTest {
    private static final byte[] BODY =
            "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final Notifications NOTIFICATIONS =
            Notifications.of(Harness.VERIFIER, Harness.APIV3, Harness.JACKSON);

    @FuzzTest(maxDuration = "8s")
    void headerParsingFailsOnlyWithTypedErrors(FuzzedDataProvider data) {
        long ts = Harness.now();
        String nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        Map<String, String> h = new HashMap<>();
        put(h, data, "Wechatpay-Serial", Harness.PUBLIC_KEY_ID);
        put(h, data, "Wechatpay-Timestamp", Long.toString(ts));
        put(h, data, "Wechatpay-Nonce", nonce);
        put(h, data, "Wechatpay-Signature", Harness.sign(ts, nonce, BODY));
        put(h, data, "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        only(() -> NOTIFICATIONS.parse(BODY, h::get));
        only(() -> Harness.VERIFIER.verify(h.get("Wechatpay-Serial"), BODY, h.get("Wechatpay-Signature")));
    }

    private static void put(Map<String, String> h, FuzzedDataProvider data, String name, String genuine) {
        switch (data.consumeInt(0, 3)) {
            case 0 -> h.put(name, genuine);
            case 1 -> h.put(name, data.consumeString(120));
            case 2 -> h.put(name, genuine + data.consumeString(8));
            default -> {} // absent
        }
    }
}
