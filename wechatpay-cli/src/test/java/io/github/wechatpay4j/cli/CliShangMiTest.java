package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command with a ShangMi merchant: the files {@code fake-server --mode shangmi} writes, used as they are. */
class CliShangMiTest {
    private static FakeWechatPay fake;

    @TempDir
    Path dir;

    String out;
    String err;

    @BeforeAll
    static void start() {
        fake = FakeWechatPay.startShangMi(ShangMiKeys.generate());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(o, true, StandardCharsets.UTF_8),
                        new PrintStream(e, true, StandardCharsets.UTF_8),
                        Map.of(),
                        dir)
                .run(args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void requestsNotificationsAndKeysOfAShangMiMerchant() throws IOException {
        fake.writeClientFiles(dir.resolve("keys"));

        assertEquals(
                Cli.OK,
                run("request", "GET", "/v3/certificates?algorithm_type=SM2", "--config", "keys/wechatpay.properties"),
                err);
        assertTrue(out.contains("\"AEAD_SM4_GCM\""), out);
        assertTrue(fake.lastRequest().signatureValid(), fake.lastRequest().signatureError());
        assertTrue(fake.lastRequest().header("Authorization").orElseThrow().startsWith("WECHATPAY2-SM2-WITH-SM3 "));

        String resource = "{\"out_trade_no\":\"SM2-CLI\",\"trade_state\":\"SUCCESS\"}";
        FakeNotification n = fake.notification("TRANSACTION.SUCCESS", resource);
        assertEquals(Cli.OK, notify(n), err);
        assertEquals(resource + "\n", out);
        assertEquals(Cli.VERIFICATION_FAILED, notify(n.withTamperedBody()));
        assertEquals(Cli.VERIFICATION_FAILED, notify(n.signedWithAnotherKey()));

        assertEquals(
                Cli.OK, run("keys", "inspect", "keys/merchant_private_key.pem", "keys/platform_certificate.pem"), err);
        assertTrue(out.contains("merchant_private_key.pem: private key, SM2 (sm2p256v1) (PKCS#8)"), out);
        assertTrue(
                out.contains("platform_certificate.pem: certificate, serial " + fake.currentCertificateSerial()
                        + ", SM2 (sm2p256v1), valid "),
                out);
        assertTrue(out.contains("merchant_private_key.pem does NOT match platform_certificate.pem"), out);
        assertFalse(out.contains("MII") || out.contains("MIG"), "no key material");
    }

    int notify(FakeNotification n) throws IOException {
        Files.write(dir.resolve("body.json"), n.body());
        List<String> args = new ArrayList<>(List.of("notify", "verify", "--body", "body.json", "--keys-dir", "keys"));
        n.headers().forEach((name, value) -> {
            args.add("--header");
            args.add(name + ": " + value);
        });
        return run(args.toArray(String[]::new));
    }
}
