package io.github.wechatpay4j.cli;

import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command in-process against the fake server: every command, every exit code. */
@WithFakeWechatPay
class CliTest {
    @TempDir
    Path dir;

    Path keys;
    String out;
    String err;

    @BeforeEach
    void writeKeys(FakeWechatPay fake) throws IOException {
        keys = dir.resolve("keys");
        fake.writeClientFiles(keys);
    }

    int run(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(o, true, StandardCharsets.UTF_8),
                        new PrintStream(e, true, StandardCharsets.UTF_8),
                        env,
                        dir)
                .run(args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    int run(String... args) {
        return run(Map.of(), args);
    }

    /** The command line with the fake's keys folder appended. */
    int withKeys(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--keys-dir");
        all.add("keys");
        return run(all.toArray(String[]::new));
    }

    String order(FakeWechatPay fake, String outTradeNo) {
        return "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"" + fake.keys().mchid() + "\",\"description\":\"tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://example.com/notify\","
                + "\"amount\":{\"total\":100},\"payer\":{\"openid\":\"o-payer\"}}";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void requestPrintsTheVerifiedBodyByteForByte(FakeWechatPay fake) throws IOException {
        Files.writeString(dir.resolve("order.json"), order(fake, "CLI-0001"));
        assertEquals(Cli.OK, withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", "@order.json"), err);
        assertTrue(out.startsWith("{\"prepay_id\":\"wx"), out);
        assertEquals("", err);
        assertTrue(fake.lastRequest().signatureValid());

        fake.pay("CLI-0001");
        assertEquals(
                Cli.OK,
                withKeys(
                        "request",
                        "get",
                        "/v3/pay/transactions/out-trade-no/CLI-0001",
                        "--query",
                        "mchid=" + fake.keys().mchid()),
                err);
        assertTrue(out.contains("\"trade_state\":\"SUCCESS\""), out);
        assertEquals(
                Cli.OK,
                withKeys(
                        "request",
                        "GET",
                        "v3/pay/transactions/out-trade-no/CLI-0001?mchid="
                                + fake.keys().mchid(),
                        "--header",
                        "Accept-Language: zh-CN"),
                err);
        assertEquals("zh-CN", fake.lastRequest().header("Accept-Language").orElseThrow());
    }

    @Test
    void configurationComesFromFlagsEnvironmentOrAPropertiesFile(FakeWechatPay fake) {
        TestKeys k = fake.keys();
        String path = "/v3/pay/transactions/out-trade-no/NONE01";
        // flags only
        assertEquals(
                Cli.SERVICE_ERROR,
                run(
                        "request",
                        "GET",
                        path,
                        "--query",
                        "mchid=" + k.mchid(),
                        "--base-url",
                        fake.baseUrl(),
                        "--mchid",
                        k.mchid(),
                        "--serial",
                        k.merchantSerial(),
                        "--private-key",
                        "keys/merchant_private_key.pem",
                        "--public-key",
                        "keys/platform_public_key.pem",
                        "--public-key-id",
                        k.publicKeyId()));
        // environment only
        assertEquals(
                Cli.SERVICE_ERROR,
                run(
                        Map.of(
                                "WECHATPAY_BASE_URL",
                                fake.baseUrl(),
                                "WECHATPAY_MCHID",
                                k.mchid(),
                                "WECHATPAY_SERIAL",
                                k.merchantSerial(),
                                "WECHATPAY_PRIVATE_KEY",
                                "keys/merchant_private_key.pem",
                                "WECHATPAY_PUBLIC_KEY",
                                "keys/platform_public_key.pem",
                                "WECHATPAY_PUBLIC_KEY_ID",
                                k.publicKeyId()),
                        "request",
                        "GET",
                        path,
                        "--query",
                        "mchid=" + k.mchid()));
        assertTrue(err.contains("ORDER_NOT_EXIST"), err);
        // properties file, with a flag overriding one value
        assertEquals(Cli.USAGE, run("request", "GET", path, "--config", "keys/wechatpay.properties", "--mchid", ""));
        assertEquals(
                Cli.SERVICE_ERROR,
                run(
                        Map.of("WECHATPAY_CONFIG", "keys/wechatpay.properties"),
                        "request",
                        "GET",
                        path,
                        "--query",
                        "mchid=" + k.mchid()));
        // the APIv3 key alone: automatic certificates, which a public-key merchant does not have
        assertEquals(
                Cli.USAGE,
                run(
                        "request",
                        "GET",
                        path,
                        "--base-url",
                        fake.baseUrl(),
                        "--mchid",
                        k.mchid(),
                        "--serial",
                        k.merchantSerial(),
                        "--private-key",
                        "keys/merchant_private_key.pem",
                        "--apiv3-key",
                        "@keys/apiv3_key.txt"));
        assertTrue(err.contains("public key"), err);
        assertFalse(err.contains(k.apiV3Key()));
    }

    @Test
    void exitCode2CarriesWechatPaysJsonErrorOnStderr(FakeWechatPay fake) {
        assertEquals(
                Cli.SERVICE_ERROR,
                withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", "{\"amount\":{\"total\":0}}"));
        assertTrue(err.startsWith("{\"code\":\"PARAM_ERROR\""), err);
        assertTrue(err.contains("\"detail\""), err);
        assertEquals("", out);
    }

    @Test
    void exitCode3WhenAnAnswerFailsVerification(FakeWechatPay fake) {
        assertEquals(
                Cli.OK, withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", order(fake, "X00001")));
        fake.fault(Fault.TAMPER_BODY);
        assertEquals(
                Cli.VERIFICATION_FAILED,
                withKeys(
                        "request",
                        "GET",
                        "/v3/pay/transactions/out-trade-no/X00001",
                        "--query",
                        "mchid=" + fake.keys().mchid()));
        assertTrue(err.startsWith("wechatpay: ") && err.contains("signature"), err);
        assertEquals(1, err.strip().lines().count(), "one line");
        assertEquals("", out, "nothing unverified is printed");
    }

    @Test
    void exitCode4WhenTheExchangeFailsAndNothingCanHaveHappened(FakeWechatPay fake) throws IOException {
        int closed = freePort();
        assertEquals(
                Cli.TRANSPORT_FAILED,
                withKeys("request", "GET", "/v3/certificates", "--base-url", "http://127.0.0.1:" + closed));
        assertEquals(
                Cli.TRANSPORT_FAILED,
                withKeys(
                        "request",
                        "POST",
                        "/v3/pay/transactions/jsapi",
                        "--json",
                        "{}",
                        "--base-url",
                        "http://127.0.0.1:" + closed),
                "a POST that never connected did not happen");
        fake.fault(Fault.SLOW_REPLY).slowReply(Duration.ofSeconds(5));
        assertEquals(Cli.TRANSPORT_FAILED, withKeys("request", "GET", "/v3/certificates", "--timeout", "1"));
        assertTrue(err.contains("timed out"), err);
    }

    @Test
    void exitCode5ForUsageAndConfigurationErrors() {
        assertEquals(Cli.USAGE, run());
        assertEquals(Cli.USAGE, run("pay"));
        assertEquals(Cli.USAGE, run("request", "GET"));
        assertEquals(Cli.USAGE, run("request", "FETCH", "/v3/x"));
        assertEquals(Cli.USAGE, withKeys("request", "GET", "/v3/x", "--query", "novalue"));
        assertEquals(Cli.USAGE, withKeys("request", "GET", "/v3/x", "--json", "{}"));
        assertEquals(Cli.USAGE, withKeys("request", "GET", "/v3/x", "--bogus", "1"));
        assertEquals(Cli.USAGE, withKeys("request", "POST", "/v3/x", "--json", "@missing.json"));
        assertEquals(Cli.USAGE, run("request", "GET", "/v3/x", "--mchid", "1"));
        assertTrue(err.contains("serial"), err);
        assertEquals(Cli.USAGE, run("request", "GET", "/v3/x", "--keys-dir", "nowhere"));
        assertEquals(Cli.USAGE, run("keys", "inspect"));
        assertEquals(Cli.USAGE, run("fake-server", "--port", "99999", "--keys-dir", "k"));
        assertTrue(err.lines().allMatch(l -> l.startsWith("wechatpay: ")), err);
    }

    @Test
    void exitCode6WhenAStateChangeMayHaveHappened(FakeWechatPay fake) {
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING); // on every attempt, so retries do not help
        assertEquals(
                Cli.OUTCOME_UNKNOWN,
                withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", order(fake, "CLI-LOST-1")));
        assertTrue(err.contains("outcome unknown"), err);
        assertEquals("NOTPAY", fake.order("CLI-LOST-1").orElseThrow().state(), "it did happen");

        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING); // on every attempt, so retries do not help
        assertEquals(
                Cli.OUTCOME_UNKNOWN,
                run(
                        "request",
                        "--keys-dir",
                        "keys",
                        "POST",
                        "/v3/pay/transactions/jsapi",
                        "--json",
                        order(fake, "CLI-LOST-3")),
                "options before METHOD");

        fake.clearFaults().fault(Fault.PROBE_SIGNATURE);
        assertEquals(
                Cli.OUTCOME_UNKNOWN,
                withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", order(fake, "CLI-LOST-2")));
        assertTrue(err.contains("query it by out_trade_no=CLI-LOST-2"), err);
        fake.clearFaults();
        // one lost answer only: the prepay is idempotent by out_trade_no, so the client asks again and succeeds
        fake.fault(Fault.CONNECTION_RESET_AFTER_PROCESSING, 1);
        assertEquals(
                Cli.OK, withKeys("request", "POST", "/v3/pay/transactions/jsapi", "--json", order(fake, "CLI-LOST-4")));
        assertTrue(out.contains("prepay_id"), out);
    }

    @Test
    void notifyVerifyPrintsTheDecryptedResource(FakeWechatPay fake) throws IOException {
        String resource = "{\"out_trade_no\":\"N-1\",\"trade_state\":\"SUCCESS\"}";
        FakeNotification n = fake.notification("TRANSACTION.SUCCESS", resource);
        assertEquals(Cli.OK, notify(n));
        assertEquals(resource + "\n", out);

        assertEquals(Cli.VERIFICATION_FAILED, notify(n.withTamperedBody()));
        assertEquals(Cli.VERIFICATION_FAILED, notify(n.withBrokenTag()));
        FakeNotification old = n.withTimestamp(Instant.now().minus(Duration.ofMinutes(20)));
        assertEquals(Cli.VERIFICATION_FAILED, notify(old));
        assertEquals(Cli.OK, notify(old, "--window", "3600"));
        assertFalse(out.isEmpty());
        Files.writeString(dir.resolve("bad.json"), "<html>");
        assertEquals(Cli.USAGE, run("notify", "verify", "--body", "missing.json", "--keys-dir", "keys"));
    }

    int notify(FakeNotification n, String... more) throws IOException {
        Files.write(dir.resolve("body.json"), n.body());
        List<String> args = new ArrayList<>(List.of("notify", "verify", "--body", "body.json", "--keys-dir", "keys"));
        n.headers().forEach((name, value) -> {
            args.add("--header");
            args.add(name + ": " + value);
        });
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void keysInspectTellsWhetherAPrivateKeyMatches(TestKeys k) throws IOException {
        java.security.cert.X509Certificate merchantCertificate = TestKeys.certificate(
                k.merchantKeys(), new SecureRandom(), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365));
        Files.writeString(
                dir.resolve("apiclient_cert.pem"),
                "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(sneaky(merchantCertificate))
                        + "\n-----END CERTIFICATE-----\n");
        assertEquals(
                Cli.OK,
                run(
                        "keys",
                        "inspect",
                        "keys/merchant_private_key.pem",
                        "apiclient_cert.pem",
                        "keys/platform_certificate.pem",
                        "keys/platform_public_key.pem"),
                err);
        assertTrue(out.contains("merchant_private_key.pem: private key, RSA 2048 bits (PKCS#8)"), out);
        assertTrue(out.contains("apiclient_cert.pem: certificate, serial "), out);
        assertTrue(out.contains("(valid now)"), out);
        assertTrue(out.contains("merchant_private_key.pem MATCHES apiclient_cert.pem"), out);
        assertTrue(out.contains("merchant_private_key.pem does NOT match platform_certificate.pem"), out);
        assertTrue(out.contains("platform_certificate.pem: certificate, serial " + k.platformSerial()), out);
        assertFalse(out.contains("MII"), "no key material");

        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertEquals(Cli.USAGE, run("keys", "inspect", "broken.pem"));
        Files.writeString(dir.resolve("empty.pem"), "nothing here");
        assertEquals(Cli.USAGE, run("keys", "inspect", "empty.pem"));
        assertTrue(err.contains("no PEM block"), err);
    }

    private static byte[] sneaky(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : List.of(
                new String[] {"--help"},
                new String[] {"request", "--help"},
                new String[] {"certificates", "--help"},
                new String[] {"notify", "--help"},
                new String[] {"keys", "--help"},
                new String[] {"fake-server", "--help"},
                new String[] {"demo", "--help"})) {
            assertEquals(Cli.OK, run(command), String.join(" ", command));
            assertTrue(out.startsWith("Usage: wechatpay"), out);
        }
        run("request", "--help");
        assertTrue(out.contains("6  outcome unknown"), out);
    }

    @Test
    void theDemoWalksTheWholeFlow() {
        assertEquals(Cli.OK, run("demo"), err + out);
        for (String step : List.of(
                " 1. JSAPI prepay",
                " 3. The payer paid",
                " 4. Query",
                " 5. Refund",
                " 6. REFUND.SUCCESS",
                " 7. Trade bill",
                " 8. ",
                " 9. ",
                "Done")) {
            assertTrue(out.contains(step), step + " missing from\n" + out);
        }
    }

    /** A certificate-mode merchant: certificates download, and its failures. */
    @Nested
    @WithFakeWechatPay(mode = FakeWechatPay.Mode.CERTIFICATE)
    class Certificates {
        @Test
        void downloadWritesVerifiedCertificates(FakeWechatPay fake) throws IOException {
            fake.writeClientFiles(keys);
            fake.rotateCertificate();
            String apiV3 = "@keys/apiv3_key.txt";
            String[] merchant = {
                "--base-url",
                fake.baseUrl(),
                "--mchid",
                fake.keys().mchid(),
                "--serial",
                fake.keys().merchantSerial(),
                "--private-key",
                "keys/merchant_private_key.pem",
                "--apiv3-key",
                apiV3
            };
            List<String> args = new ArrayList<>(List.of("certificates", "download", "--out", "certs"));
            args.addAll(List.of(merchant));
            assertEquals(Cli.OK, run(args.toArray(String[]::new)), err);
            for (java.security.cert.X509Certificate c : fake.certificates()) {
                String serial = c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
                try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(dir.resolve("certs"))) {
                    assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(serial + ".pem")), serial);
                }
            }
            assertEquals(2, out.lines().count(), out);

            fake.fault(Fault.CERTIFICATES_WRONG_SERIAL_NO);
            assertEquals(Cli.VERIFICATION_FAILED, run(args.toArray(String[]::new)));
            fake.clearFaults().fault(Fault.CERTIFICATES_BAD_TAG);
            assertEquals(Cli.VERIFICATION_FAILED, run(args.toArray(String[]::new)));
            fake.clearFaults();
            assertEquals(
                    Cli.USAGE,
                    run("certificates", "download", "--out", "certs", "--keys-dir", "keys", "--apiv3-key", ""),
                    "no APIv3 key");
        }
    }
}
