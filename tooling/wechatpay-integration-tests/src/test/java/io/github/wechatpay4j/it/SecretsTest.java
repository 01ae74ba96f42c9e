package io.github.wechatpay4j.it;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.notification.NotificationEvent;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs successful and failing flows with every log level enabled and fails if a private key, the APIv3 key, an
 * Authorization signature, the Authorization header or a decrypted personal field appears in any log record, exception
 * message or toString().
 */
class SecretsTest extends FakeServerTestBase {
    private static final String ID_NUMBER = "110101199003074477";
    private static final String OPENID = "oSECRET-openid-of-the-payer";
    private static final String NAME = "欧阳秘密";
    private static final String PHONE = "13912345678";

    @Test
    void noSecretInLogsMessagesOrToString() throws Exception {
        List<String> seen = new ArrayList<>();
        Logger root = Logger.getLogger("io.github.wechatpay4j");
        Level before = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(String.valueOf(record.getMessage()));
                if (record.getThrown() != null) {
                    collect(record.getThrown(), seen);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        try {
            WechatPay client = track(server.clientBuilder()
                    .privateKey(keys.merchantPrivateKeyPem())
                    .readTimeout(Duration.ofMillis(500))
                    .build());
            seen.add(client.toString());
            server.on("POST", "/v3/ok", FakeResponse.ok("{\"ok\":true}"));
            Options options = Options.rawJson("{\"a\":1}").withHeader("Idempotency-Key", "k");
            seen.add(options.toString());
            seen.add(client.chain("v3/ok").post(options).toString());
            for (Fault fault : Fault.values()) {
                server.clearFaults().fault(fault);
                try {
                    client.chain("v3/ok").post(options);
                } catch (RuntimeException e) {
                    collect(e, seen);
                }
            }
            server.clearFaults();
            try {
                client.chain("v3/missing").post(options);
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            try {
                Keys.privateKeyFromPem(keys.merchantPrivateKeyPem().substring(0, 900));
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            // sensitive fields, notifications and certificate downloads, good and bad
            seen.add(client.encrypt(ID_NUMBER).toString());
            Notifications notifications = client.notifications();
            seen.add(notifications.toString());
            FakeNotification paid = server.notification(
                    "TRANSACTION.SUCCESS",
                    "{\"out_trade_no\":\"T1\"," + "\"attach\":\"" + ID_NUMBER + "\",\"payer\":{\"openid\":\"" + OPENID
                            + "\"}}");
            NotificationEvent event = notifications.parse(paid.body(), paid::header);
            seen.add(event.toString());
            seen.add(event.notification().toString());
            seen.add(notifications
                    .handle(paid.body(), paid::header, e -> {
                        throw new IllegalStateException("handler failed");
                    })
                    .toString());
            for (FakeNotification bad :
                    List.of(paid.withBrokenTag(), paid.withTamperedBody(), paid.withProbeSignature())) {
                seen.add(notifications.handle(bad.body(), bad::header, e -> {}).toString());
                try {
                    notifications.parse(bad.body(), bad::header);
                } catch (RuntimeException e) {
                    collect(e, seen);
                }
            }
            server.mode(FakeWechatPay.Mode.CERTIFICATE);
            for (Fault fault : List.of(Fault.CERTIFICATES_BAD_TAG, Fault.CERTIFICATES_WRONG_SERIAL_NO)) {
                server.clearFaults().fault(fault);
                try {
                    server.merchantBuilder().autoCertificates().build().close();
                } catch (RuntimeException e) {
                    collect(e, seen);
                }
            }
            server.clearFaults();
            try (WechatPay auto = server.merchantBuilder().autoCertificates().build()) {
                seen.add(auto.toString());
            }
            try {
                server.merchantBuilder().apiV3Key(keys.apiV3Key() + "!");
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            // reliability flows: retries (logged at DEBUG), unknown outcomes, refusals before sending, oversized
            // answers
            server.mode(FakeWechatPay.Mode.PUBLIC_KEY);
            WechatPay retrying = track(server.clientBuilder()
                    .privateKey(keys.merchantPrivateKeyPem())
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
                    .maxResponseBytes(64)
                    .build());
            seen.add(retrying.toString());
            Map<String, Object> order = Map.of(
                    "appid",
                    "wxd678efh567hg6787",
                    "mchid",
                    keys.mchid(),
                    "description",
                    NAME,
                    "out_trade_no",
                    "SECRET-0001",
                    "notify_url",
                    "http://127.0.0.1:9/n",
                    "amount",
                    Map.of("total", 1),
                    "attach",
                    PHONE);
            Options prepay = Options.json(order);
            seen.add(prepay.toString());
            server.clearFaults().fault(Fault.CONNECTION_RESET_AFTER_PROCESSING);
            try {
                retrying.chain("v3/pay/transactions/native").post(prepay);
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            server.clearFaults().fault(Fault.SYSTEM_ERROR, 1);
            try {
                seen.add(retrying.chain("v3/pay/transactions/native")
                        .post(prepay)
                        .toString());
            } catch (RuntimeException e) {
                collect(e, seen); // the answer is larger than 64 bytes
            }
            server.clearFaults();
            try {
                retrying.chain("v3/pay/transactions/native")
                        .post(Options.json(Map.of("payer", Map.of("name", NAME + " 🎂", "phone", PHONE))));
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            seen.add(RetryPolicy.defaults().toString());
            seen.add(Options.none()
                    .withBusinessKey("out_trade_no", "SECRET-0001")
                    .withIdempotencyKey("k-1")
                    .withRetryPolicy(RetryPolicy.none())
                    .toString());
            // personal fields: decrypted by the merchant key, and in a notification whose handler fails
            String sealed = io.github.wechatpay4j.crypto.RsaOaep.encrypt(
                    keys.merchantKeys().getPublic(), PHONE);
            assertEquals(PHONE, client.decrypt(sealed));
            try {
                client.decrypt(sealed.substring(4));
            } catch (RuntimeException e) {
                collect(e, seen);
            }
            FakeNotification personal = server.notification(
                    "PAYROLL.RECEIPT",
                    "{\"name\":\"" + NAME + "\",\"id_card_number\":\"" + ID_NUMBER + "\",\"mobile\":\"" + PHONE
                            + "\"}");
            NotificationEvent personalEvent = notifications.parse(personal.body(), personal::header);
            seen.add(personalEvent.toString());
            seen.add(notifications
                    .handle(personal.body(), personal::header, e -> {
                        throw new IllegalStateException("handler failed");
                    })
                    .toString());
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }

        List<String> secrets = new ArrayList<>();
        String merchantKey = Base64.getEncoder()
                .encodeToString(keys.merchantKeys().getPrivate().getEncoded());
        String platformKey = Base64.getEncoder()
                .encodeToString(keys.platformKeys().getPrivate().getEncoded());
        for (int i = 0; i + 24 <= 600; i += 24) { // any 24-character run of either key's Base64
            secrets.add(merchantKey.substring(200 + i, 224 + i));
            secrets.add(platformKey.substring(200 + i, 224 + i));
        }
        for (RecordedRequest r : server.requests()) {
            secrets.add(r.authorization().get("signature"));
        }
        secrets.add("signature=\"");
        secrets.add(keys.apiV3Key());
        secrets.add(ID_NUMBER);
        secrets.add(OPENID);
        secrets.add(NAME);
        secrets.add(PHONE);
        assertTrue(seen.size() > 10, "the flows produced output to check");
        assertTrue(server.requests().size() > 5);
        for (String text : seen) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "secret found in: " + text);
            }
        }
    }

    private static void collect(Throwable t, List<String> into) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            into.add(c.toString());
        }
    }
}
