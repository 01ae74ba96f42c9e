package io.github.wechatpay4j.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable jar as a user runs it: {@code fake-server} in one process, {@code request} calls from others, the
 * shell's view of stdout, stderr and exit codes; and {@code demo}. Runs after {@code package} (failsafe).
 */
class CliProcessIT {
    static Path jar;
    static Path keys;
    static Process server;
    static String baseUrl;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void startFakeServer() throws Exception {
        jar = Path.of(System.getProperty("wechatpay.jar", "target/wechatpay.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by mvn package");
        keys = Files.createTempDirectory("wechatpay-keys");
        server = new ProcessBuilder(
                        java(), "-jar", jar.toString(), "fake-server", "--port", "0", "--keys-dir", keys.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertTrue(first != null && first.matches("listening on http://127\\.0\\.0\\.1:[0-9]+"), first);
        baseUrl = first.substring("listening on ".length());
        for (String file : List.of(
                "merchant_private_key.pem",
                "merchant_serial.txt",
                "platform_public_key.pem",
                "platform_public_key_id.txt",
                "platform_certificate.pem",
                "apiv3_key.txt",
                "mchid.txt")) {
            assertTrue(Files.size(keys.resolve(file)) > 0, file);
        }
    }

    @AfterAll
    static void stopFakeServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "fake-server stops on SIGTERM");
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Result wechatpay(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    String mchid() throws IOException {
        return Files.readString(keys.resolve("mchid.txt")).strip();
    }

    @Test
    void aShellUserPlacesPaysAndQueriesAnOrder() throws Exception {
        String order = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"" + mchid() + "\",\"description\":\"tea\","
                + "\"out_trade_no\":\"SHELL-0001\",\"notify_url\":\"https://example.com/notify\","
                + "\"amount\":{\"total\":100},\"payer\":{\"openid\":\"o-payer\"}}";
        Result placed = wechatpay(
                "request", "POST", "/v3/pay/transactions/jsapi", "--json", order, "--keys-dir", keys.toString());
        assertEquals(0, placed.code(), placed.err());
        assertTrue(placed.out().startsWith("{\"prepay_id\":\"wx"), placed.out());

        HttpResponse<String> paid = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/_fake/orders/SHELL-0001/pay"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, paid.statusCode(), paid.body());

        Result queried = wechatpay(
                "request",
                "GET",
                "/v3/pay/transactions/out-trade-no/SHELL-0001",
                "--query",
                "mchid=" + mchid(),
                "--config",
                keys.resolve("wechatpay.properties").toString());
        assertEquals(0, queried.code(), queried.err());
        assertTrue(queried.out().contains("\"trade_state\":\"SUCCESS\""), queried.out());

        Result again = wechatpay(
                "request", "POST", "/v3/pay/transactions/jsapi", "--json", order, "--keys-dir", keys.toString());
        assertEquals(Cli.SERVICE_ERROR, again.code());
        assertTrue(again.err().contains("\"code\":\"ORDERPAID\""), again.err());
        assertEquals("", again.out());
    }

    static void control(String method, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
    }

    @Test
    void verificationTransportAndUnknownOutcomeExitCodes() throws Exception {
        control("POST", "/_fake/faults/TAMPER_BODY?requests=1");
        Result tampered = wechatpay(
                "request",
                "GET",
                "/v3/pay/transactions/out-trade-no/SHELL-0002",
                "--query",
                "mchid=" + mchid(),
                "--keys-dir",
                keys.toString());
        // the 404 error answer is tampered too: an error is reported as unsigned, not as a verification failure
        assertEquals(Cli.SERVICE_ERROR, tampered.code(), tampered.err());
        String order = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"" + mchid() + "\",\"description\":\"tea\","
                + "\"out_trade_no\":\"SHELL-0002\",\"notify_url\":\"https://example.com/notify\","
                + "\"amount\":{\"total\":100}}";
        // lost on every attempt: the prepay is retried (idempotent by out_trade_no) but the outcome stays unknown
        control("POST", "/_fake/faults/CONNECTION_RESET_AFTER_PROCESSING");
        Result lost;
        try {
            lost = wechatpay(
                    "request", "POST", "/v3/pay/transactions/native", "--json", order, "--keys-dir", keys.toString());
        } finally {
            control("DELETE", "/_fake/faults");
        }
        assertEquals(Cli.OUTCOME_UNKNOWN, lost.code(), lost.err());
        assertTrue(lost.err().contains("out_trade_no=SHELL-0002"), lost.err());

        control("POST", "/_fake/faults/TAMPER_BODY");
        try {
            Result forged = wechatpay(
                    "request",
                    "GET",
                    "/v3/pay/transactions/out-trade-no/SHELL-0002",
                    "--query",
                    "mchid=" + mchid(),
                    "--keys-dir",
                    keys.toString());
            assertEquals(Cli.VERIFICATION_FAILED, forged.code(), forged.err());
            assertEquals("", forged.out());
        } finally {
            control("DELETE", "/_fake/faults");
        }

        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result refused = wechatpay(
                "request",
                "GET",
                "/v3/certificates",
                "--keys-dir",
                keys.toString(),
                "--base-url",
                "http://127.0.0.1:" + closed);
        assertEquals(Cli.TRANSPORT_FAILED, refused.code(), refused.err());
    }

    @Test
    void usageErrorsAreOneLineAndExitFive() throws Exception {
        Result r = wechatpay("request", "GET");
        assertEquals(Cli.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(Cli.OK, wechatpay("--help").code());
    }

    @Test
    void theDemoRunsAsTheReadmeSays() throws Exception {
        Result demo = wechatpay("demo");
        assertEquals(0, demo.code(), demo.err() + demo.out());
        assertTrue(demo.out().contains("Done:"), demo.out());
    }
}
