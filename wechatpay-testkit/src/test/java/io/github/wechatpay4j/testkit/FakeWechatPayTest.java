package io.github.wechatpay4j.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fake server checked with hand-made requests (plain JCA and HttpURLConnection, no SDK code): it accepts exactly
 * what WeChat Pay accepts and signs what it answers.
 */
class FakeWechatPayTest {
    private static TestKeys keys;
    private static FakeWechatPay server;

    @BeforeAll
    static void start() {
        keys = TestKeys.generate();
        server = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY);
        server.on("POST", "/v3/echo", req -> FakeResponse.ok(req.bodyAsString()));
        server.on("GET", "/v3/q", FakeResponse.ok("{\"ok\":true}"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clearFaults();
        server.clearRequests();
    }

    private record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }
    }

    private static String sign(PrivateKey key, String message) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** Signs {@code signedTarget}/{@code signedBody} but sends {@code target}/{@code body}. */
    private static Answer call(
            String method,
            String target,
            String body,
            String signedTarget,
            String signedBody,
            long ts,
            String mchid,
            PrivateKey key)
            throws Exception {
        String nonce = "NONCE1234567890";
        String signature =
                sign(key, method + "\n" + signedTarget + "\n" + ts + "\n" + nonce + "\n" + signedBody + "\n");
        HttpURLConnection c = (HttpURLConnection) new URL(server.baseUrl() + target).openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty(
                "Authorization",
                "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchid + "\",nonce_str=\"" + nonce
                        + "\",timestamp=\"" + ts + "\",serial_no=\"" + keys.merchantSerial() + "\",signature=\""
                        + signature
                        + "\"");
        if (!body.isEmpty()) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, c.getHeaderFields(), text);
    }

    private static Answer call(String method, String target, String body) throws Exception {
        return call(
                method,
                target,
                body,
                target,
                body,
                Instant.now().getEpochSecond(),
                keys.mchid(),
                keys.merchantKeys().getPrivate());
    }

    private static boolean platformSigned(Answer a) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(keys.platformKeys().getPublic());
        s.update((a.header("Wechatpay-Timestamp") + "\n" + a.header("Wechatpay-Nonce") + "\n" + a.body() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(a.header("Wechatpay-Signature")));
    }

    @Test
    void acceptsACorrectlySignedRequestAndSignsTheAnswer() throws Exception {
        Answer a = call("POST", "/v3/echo", "{\"a\":\"微信\"}");
        assertEquals(200, a.status());
        assertEquals("{\"a\":\"微信\"}", a.body());
        assertEquals(keys.publicKeyId(), a.header("Wechatpay-Serial"));
        assertTrue(platformSigned(a));
        assertTrue(server.lastRequest().signatureValid());
        assertEquals("微信", new String(server.lastRequest().body(), StandardCharsets.UTF_8).substring(6, 8));
    }

    @Test
    void signsWithTheCertificateInCertificateMode() throws Exception {
        server.mode(FakeWechatPay.Mode.CERTIFICATE);
        try {
            Answer a = call("GET", "/v3/q?x=1", "");
            assertEquals(keys.platformSerial(), a.header("Wechatpay-Serial"));
            assertTrue(keys.platformSerial().startsWith("0"));
            assertTrue(platformSigned(a));
        } finally {
            server.mode(FakeWechatPay.Mode.PUBLIC_KEY);
        }
    }

    @Test
    void rejectsWhatWechatPayRejects() throws Exception {
        long now = Instant.now().getEpochSecond();
        PrivateKey mine = keys.merchantKeys().getPrivate();
        // body changed after signing
        assertSignError(call("POST", "/v3/echo", "{\"a\":2}", "/v3/echo", "{\"a\":1}", now, keys.mchid(), mine));
        // query changed after signing (encoding differs from what was signed)
        assertSignError(call("GET", "/v3/q?x=a%20b", "", "/v3/q?x=a+b", "", now, keys.mchid(), mine));
        // stale and future timestamps well outside the window (core tests the ±300 s edge with a fixed clock)
        assertSignError(call("GET", "/v3/q", "", "/v3/q", "", now - 400, keys.mchid(), mine));
        assertSignError(call("GET", "/v3/q", "", "/v3/q", "", now + 400, keys.mchid(), mine));
        // another merchant ID, another key
        assertSignError(call("GET", "/v3/q", "", "/v3/q", "", now, "1900000009", mine));
        assertSignError(call(
                "GET",
                "/v3/q",
                "",
                "/v3/q",
                "",
                now,
                keys.mchid(),
                TestKeys.generate().merchantKeys().getPrivate()));
        assertFalse(server.requests().stream().anyMatch(RecordedRequest::signatureValid));
    }

    @Test
    void rejectsAMissingAuthorization() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server.baseUrl() + "/v3/q").openConnection();
        assertEquals(401, c.getResponseCode());
        assertTrue(new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("SIGN_ERROR"));
    }

    @Test
    void faultsChangeTheAnswerAsDocumented() throws Exception {
        server.fault(FakeWechatPay.Fault.TAMPER_BODY);
        assertFalse(platformSigned(call("GET", "/v3/q", "")));
        server.clearFaults().fault(FakeWechatPay.Fault.PROBE_SIGNATURE);
        assertTrue(call("GET", "/v3/q", "").header("Wechatpay-Signature").startsWith("WECHATPAY/SIGNTEST/"));
        server.clearFaults().fault(FakeWechatPay.Fault.STALE_TIMESTAMP);
        long ts = Long.parseLong(call("GET", "/v3/q", "").header("Wechatpay-Timestamp"));
        assertTrue(Instant.now().getEpochSecond() - ts >= 599);
        server.clearFaults().fault(FakeWechatPay.Fault.MISSING_SIGNATURE_HEADERS);
        assertEquals(null, call("GET", "/v3/q", "").header("Wechatpay-Signature"));
        server.clearFaults().fault(FakeWechatPay.Fault.UNSIGNED_HTML_502);
        Answer html = call("GET", "/v3/q", "");
        assertEquals(502, html.status());
        assertTrue(html.body().contains("Bad Gateway"));
        server.clearFaults().fault(FakeWechatPay.Fault.UNKNOWN_SERIAL);
        assertFalse(keys.publicKeyId().equals(call("GET", "/v3/q", "").header("Wechatpay-Serial")));
    }

    @Test
    void unknownRoutesAndFailingHandlersAnswerLikeWechatPay() throws Exception {
        Answer missing = call("GET", "/v3/nothing-here", "");
        assertEquals(404, missing.status());
        assertTrue(platformSigned(missing));
        server.on("GET", "/v3/boom", req -> {
            throw new IllegalStateException("boom");
        });
        Answer boom = call("GET", "/v3/boom", "");
        assertEquals(500, boom.status());
        assertTrue(boom.body().contains("SYSTEM_ERROR"));
    }

    private static void assertSignError(Answer a) {
        assertEquals(401, a.status(), a.body());
        assertTrue(a.body().contains("SIGN_ERROR"), a.body());
    }

    /** Issue 17, item 7: control endpoints read at most 64 KiB of a body; more is a 413, and the switch is not set. */
    @Test
    void item7_controlEndpointsReadBoundedBodies() throws Exception {
        for (int size : new int[] {FakeWechatPay.MAX_CONTROL_BODY + 1, 16}) {
            HttpURLConnection c =
                    (HttpURLConnection) new URL(server.baseUrl() + "/_fake/faults/SYSTEM_ERROR").openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(size);
            try (OutputStream out = c.getOutputStream()) {
                out.write(new byte[size]);
            }
            int status = c.getResponseCode();
            if (size > FakeWechatPay.MAX_CONTROL_BODY) {
                assertEquals(413, status);
                assertTrue(server.faults().isEmpty(), "an oversized control request changes nothing");
            } else {
                assertTrue(status < 300, "a small one is served: " + status);
                assertFalse(server.faults().isEmpty());
            }
            c.disconnect();
        }
    }

    /**
     * Issue 18: read off the socket, the answer's header names are spelled as WeChat Pay spells them, which is what
     * the official Java SDK looks them up by ({@code com.wechat.pay.java.core.http.Constant}: {@code Request-ID},
     * {@code Wechatpay-Serial}, {@code Wechatpay-Signature}, {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce});
     * the JDK's HttpServer used to send {@code Wechatpay-timestamp} and {@code Request-id}. Two requests share the
     * connection.
     */
    @Test
    void answerHeaderNamesAreWrittenAsWechatPayWritesThem() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 2; i++) {
                out.write(("GET /v3/q HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    assertTrue(b >= 0, "the connection stays open");
                    head.append((char) b);
                }
                java.util.List<String> names = new java.util.ArrayList<>();
                for (String line : head.toString().split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        names.add(line.substring(0, colon));
                    }
                }
                for (String name : new String[] {
                    "Request-ID",
                    "Wechatpay-Serial",
                    "Wechatpay-Signature",
                    "Wechatpay-Timestamp",
                    "Wechatpay-Nonce",
                    "Wechatpay-Signature-Type",
                    "Content-Type",
                    "Content-Length"
                }) {
                    assertTrue(names.contains(name), name + " in " + names);
                }
                int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                assertEquals(length, in.readNBytes(length).length);
            }
        }
    }
}
