package io.github.wechatpay4j.it;

import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hostile input the reliability issue lists, each through the real client over loopback (a JDK
 * {@code HttpServer} that signs with a real platform key and then alters what it sends), each ending in a documented
 * {@link WechatPayException} subtype whose message says what happened. Nothing here may end in a raw JDK or library
 * exception.
 */
class HostileInputTest {
    private static final String BODY =
            "{\"out_trade_no\":\"T20261123001\",\"trade_state\":\"SUCCESS\",\"amount\":" + "{\"total\":100}}";
    private static TestKeys keys;
    private static HttpServer server;
    private static volatile Reply reply;
    private static WechatPay client;

    /** What the server answers: status, headers (in order, repeatable) and body. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    @BeforeAll
    static void start() throws IOException {
        keys = TestKeys.generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                Reply r = reply;
                r.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
                exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
                if (r.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(r.body());
                    }
                }
            }
        });
        server.start();
        client = builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop(0);
    }

    private static WechatPay.Builder builder() {
        return WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .apiV3Key(keys.apiV3Key())
                .wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .retryPolicy(RetryPolicy.none());
    }

    // ---------------------------------------------------------------- signing helpers

    private static String sign(long timestamp, String nonce, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.platformKeys().getPrivate());
            s.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            s.update(body);
            s.update((byte) '\n');
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The five signature headers over {@code body}, signed now, as an editable ordered map. */
    private static Map<String, String> signed(byte[] body) {
        long ts = Instant.now().getEpochSecond();
        String nonce = "N" + Long.toHexString(new SecureRandom().nextLong());
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Serial", keys.publicKeyId());
        h.put("Wechatpay-Timestamp", Long.toString(ts));
        h.put("Wechatpay-Nonce", nonce);
        h.put("Wechatpay-Signature", sign(ts, nonce, body));
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        h.put("Request-ID", "08HOSTILE");
        h.put("Content-Type", "application/json");
        return h;
    }

    private static void answer(int status, Map<String, String> headers, byte[] body) {
        reply = new Reply(status, new ArrayList<>(headers.entrySet()), body);
    }

    /** Signs {@link #BODY}, lets {@code edit} change headers, and answers with {@code sent} as the body. */
    private static void answerSigned(Consumer<Map<String, String>> edit, String sent) {
        Map<String, String> h = signed(utf8(BODY));
        edit.accept(h);
        answer(200, h, utf8(sent));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SignatureVerificationException rejected(Reason reason) {
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> client.chain("v3/pay/transactions/id/{id}").get(Options.path("id", "42")));
        assertEquals(reason, e.reason(), e::getMessage);
        assertTrue(e.getMessage().contains("GET /v3/pay/transactions/id/42"), e.getMessage());
        return e;
    }

    // ---------------------------------------------------------------- responses

    @Test
    void theHonestAnswerVerifies() {
        answerSigned(h -> {}, BODY);
        assertEquals(
                "SUCCESS",
                client.chain("v3/pay/transactions/id/42").get().asMap().get("trade_state"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one byte", "whitespace", "reordered keys"})
    void aTamperedBodyIsRejected(String how) {
        String sent = switch (how) {
            case "one byte" -> BODY.replace("100", "101");
            case "whitespace" -> BODY.replace(",", ", ");
            default -> "{\"trade_state\":\"SUCCESS\",\"out_trade_no\":\"T20261123001\",\"amount\":{\"total\":100}}";
        };
        answerSigned(h -> {}, sent);
        rejected(Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureTransplantedFromAnotherResponseIsRejected() {
        Map<String, String> other = signed(utf8("{\"trade_state\":\"NOTPAY\"}"));
        answerSigned(
                h -> {
                    h.put("Wechatpay-Timestamp", other.get("Wechatpay-Timestamp"));
                    h.put("Wechatpay-Nonce", other.get("Wechatpay-Nonce"));
                    h.put("Wechatpay-Signature", other.get("Wechatpay-Signature"));
                },
                BODY);
        rejected(Reason.BAD_SIGNATURE);
    }

    @Test
    void serialsMustNameAKeyExactlyUpToLetterCase() {
        answerSigned(h -> h.put("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000"), BODY);
        rejected(Reason.UNKNOWN_SERIAL);
        // a public key ID or a hex serial differs in nothing but case: the same key (serials are compared upper-case)
        answerSigned(h -> h.put("Wechatpay-Serial", keys.publicKeyId().toLowerCase(java.util.Locale.ROOT)), BODY);
        assertEquals(200, client.chain("v3/pay/transactions/id/42").get().statusCode());
    }

    @Test
    void aZeroStrippedCertificateSerialIsUnknown() {
        // the test platform certificate's serial starts with a zero digit; stripping it names another serial
        String serial = keys.platformSerial();
        assertTrue(serial.startsWith("0"), serial);
        try (WechatPay byCertificate = WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .platformCertificate(keys.platformCertificate())
                .retryPolicy(RetryPolicy.none())
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .build()) {
            answerSigned(h -> h.put("Wechatpay-Serial", serial.replaceFirst("^0+", "")), BODY);
            SignatureVerificationException e = assertThrows(
                    SignatureVerificationException.class,
                    () -> byCertificate.chain("v3/x").get());
            assertEquals(Reason.UNKNOWN_SERIAL, e.reason());
            answerSigned(h -> h.put("Wechatpay-Serial", serial), BODY);
            assertEquals(200, byCertificate.chain("v3/x").get().statusCode());
        }
    }

    @Test
    void theMerchantsOwnSerialAmongThePlatformKeysIsRefusedAtBuildTime() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> builder()
                        .wechatpayPublicKey(
                                keys.merchantSerial(), keys.merchantKeys().getPublic())
                        .build());
        assertTrue(e.getMessage().contains(keys.merchantSerial()), e.getMessage());
    }

    @Test
    void timestampsOutsideTheWindowOrNotANumberAreRejected() {
        // the client's clock is fixed, so that the window's edges are exact and no second can tick in between
        long now = Instant.now().getEpochSecond();
        try (WechatPay fixed = builder()
                .clock(java.time.Clock.fixed(Instant.ofEpochSecond(now), java.time.ZoneOffset.UTC))
                .build()) {
            for (long skew : new long[] {-301, -300, 300, 301}) {
                long ts = now + skew;
                answerSigned(
                        h -> {
                            h.put("Wechatpay-Timestamp", Long.toString(ts));
                            h.put("Wechatpay-Signature", sign(ts, h.get("Wechatpay-Nonce"), utf8(BODY)));
                        },
                        BODY);
                if (Math.abs(skew) > 300) {
                    SignatureVerificationException e = assertThrows(
                            SignatureVerificationException.class,
                            () -> fixed.chain("v3/x").get());
                    assertEquals(Reason.STALE_TIMESTAMP, e.reason(), e::getMessage);
                } else {
                    assertEquals(200, fixed.chain("v3/x").get().statusCode(), "5 minutes is still inside");
                }
            }
        }
        for (String ts : List.of("1700000000x", "12.5", "99999999999999999999999", "-", " ")) {
            answerSigned(h -> h.put("Wechatpay-Timestamp", ts), BODY);
            SignatureVerificationException e = assertThrows(
                    SignatureVerificationException.class,
                    () -> client.chain("v3/x").get());
            assertTrue(
                    e.reason() == Reason.MALFORMED_TIMESTAMP || e.reason() == Reason.MISSING_HEADER,
                    ts + " → " + e.reason());
        }
        answerSigned(h -> h.put("Wechatpay-Timestamp", ""), BODY);
        assertThrows(
                SignatureVerificationException.class, () -> client.chain("v3/x").get());
    }

    @Test
    void probeTruncatedAndUnpaddedSignaturesAreRejected() {
        answerSigned(h -> h.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + h.get("Wechatpay-Signature")), BODY);
        rejected(Reason.PROBE_SIGNATURE);
        answerSigned(
                h -> h.put("Wechatpay-Signature", h.get("Wechatpay-Signature").substring(0, 100)), BODY);
        SignatureVerificationException truncated = assertThrows(
                SignatureVerificationException.class, () -> client.chain("v3/x").get());
        assertTrue(
                truncated.reason() == Reason.MALFORMED_SIGNATURE || truncated.reason() == Reason.BAD_SIGNATURE,
                truncated.reason()::toString);
        answerSigned(
                h -> h.put("Wechatpay-Signature", h.get("Wechatpay-Signature").replace("=", "")), BODY);
        SignatureVerificationException unpadded = assertThrows(
                SignatureVerificationException.class, () -> client.chain("v3/x").get());
        assertTrue(
                unpadded.reason() == Reason.MALFORMED_SIGNATURE || unpadded.reason() == Reason.BAD_SIGNATURE,
                unpadded.reason()::toString);
        answerSigned(h -> h.put("Wechatpay-Signature", "!!!not base64!!!"), BODY);
        rejected(Reason.MALFORMED_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature"})
    void aSuccessMissingAnyOneSignatureHeaderIsRejected(String header) {
        answerSigned(h -> h.remove(header), BODY);
        SignatureVerificationException e = rejected(Reason.MISSING_HEADER);
        assertTrue(e.getMessage().contains(header), e.getMessage());
    }

    @Test
    void twoConflictingValuesOfASignatureHeaderAreRejected() {
        Map<String, String> h = signed(utf8(BODY));
        List<Map.Entry<String, String>> headers = new ArrayList<>(h.entrySet());
        headers.add(Map.entry("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000"));
        reply = new Reply(200, headers, utf8(BODY));
        rejected(Reason.CONFLICTING_HEADERS);
    }

    @Test
    void anUnsignedJsonErrorAndAnHtmlGatewayPageAreServiceErrorsMarkedUnsigned() {
        answer(400, Map.of("Content-Type", "application/json"), utf8("{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}"));
        ServiceException json =
                assertThrows(ServiceException.class, () -> client.chain("v3/x").get());
        assertEquals("PARAM_ERROR", json.code().orElseThrow());
        assertFalse(json.isSigned());
        assertTrue(json.getMessage().contains("[unsigned]"), json.getMessage());
        answer(502, Map.of("Content-Type", "text/html"), utf8("<html><body>502 Bad Gateway</body></html>"));
        ServiceException html =
                assertThrows(ServiceException.class, () -> client.chain("v3/x").get());
        assertEquals(502, html.statusCode());
        assertTrue(html.code().isEmpty());
        assertTrue(html.isRetryable());
        assertTrue(html.getMessage().contains("without a WeChat Pay error body"), html.getMessage());
    }

    @Test
    void aSignedEmpty204Verifies() {
        Map<String, String> h = signed(new byte[0]);
        h.remove("Content-Type");
        answer(204, h, new byte[0]);
        ApiResponse r =
                client.chain("v3/pay/transactions/out-trade-no/T1/close").post(Options.rawJson("{}"));
        assertEquals(204, r.statusCode());
        // and unsigned, a 204 to a POST is an unknown outcome, not a success
        answer(204, Map.of(), new byte[0]);
        OutcomeUnknownException e = assertThrows(
                OutcomeUnknownException.class,
                () -> client.chain("v3/pay/transactions/out-trade-no/T1/close").post(Options.rawJson("{}")));
        assertEquals("out_trade_no=T1", e.businessKey().orElseThrow().toString());
    }

    @Test
    void aSuccessThatIsNotJsonIsAMalformedResponseWhenRead() {
        Map<String, String> h = signed(utf8("<html>ok</html>"));
        answer(200, h, utf8("<html>ok</html>"));
        ApiResponse r = client.chain("v3/x").get();
        assertThrows(MalformedResponseException.class, r::asMap);
    }

    // ---------------------------------------------------------------- notifications and encryption

    private static final String RESOURCE = "{\"out_trade_no\":\"T1\",\"trade_state\":\"SUCCESS\"}";

    /** A notification body encrypted with {@code key}, nonce and AAD, then {@code edit}ed (ciphertext Base64). */
    private static byte[] notification(byte[] key, String nonce, String aad, Function<byte[], byte[]> edit) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, utf8(nonce)));
            c.updateAAD(utf8(aad));
            byte[] sealed = edit.apply(c.doFinal(utf8(RESOURCE)));
            return utf8("{\"id\":\"EV-1\",\"create_time\":\"2026-11-23T10:00:00+08:00\",\"event_type\":"
                    + "\"TRANSACTION.SUCCESS\",\"resource_type\":\"encrypt-resource\",\"summary\":\"ok\",\"resource\":"
                    + "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                    + Base64.getEncoder().encodeToString(sealed) + "\",\"associated_data\":\"transaction\",\"nonce\":\""
                    + "fdasflkja484"
                    + "\",\"original_type\":\"transaction\"}}");
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Object parseSigned(byte[] body) {
        Map<String, String> h = signed(body);
        return client.notifications().parse(body, h::get);
    }

    @Test
    void notificationsThatDoNotDecryptAreDecryptionErrors() {
        byte[] key = utf8(keys.apiV3Key());
        assertNotNull(parseSigned(notification(key, "fdasflkja484", "transaction", b -> b)));
        Map<String, Function<byte[], byte[]>> broken = new LinkedHashMap<>();
        broken.put("bad tag", b -> {
            b[b.length - 1] ^= 1;
            return b;
        });
        broken.put("shorter than the tag", b -> java.util.Arrays.copyOf(b, 8));
        for (var e : broken.entrySet()) {
            DecryptionException d = assertThrows(
                    DecryptionException.class,
                    () -> parseSigned(notification(key, "fdasflkja484", "transaction", e.getValue())),
                    e.getKey());
            assertTrue(d.getMessage().contains("EV-1"), d.getMessage());
        }
        // sealed with another AAD or nonce than the envelope names
        assertThrows(DecryptionException.class, () -> parseSigned(notification(key, "fdasflkja484", "refund", b -> b)));
        assertThrows(
                DecryptionException.class, () -> parseSigned(notification(key, "000000000000", "transaction", b -> b)));
        // sealed with another APIv3 key
        assertThrows(
                DecryptionException.class,
                () -> parseSigned(
                        notification(utf8("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"), "fdasflkja484", "transaction", b -> b)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "short",
                "0123456789012345678901234567890",
                "0123456789012345678901234567890123",
                "密钥密钥密钥密钥密钥密钥密钥密钥密钥密钥密"
            })
    void anApiV3KeyThatIsNot32BytesIsRefused(String key) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> builder().apiV3Key(key).build());
        assertFalse(!key.isEmpty() && e.getMessage().contains(key), "the key is not repeated: " + e.getMessage());
    }

    @Test
    void aNotificationSixMinutesOldIsAReplay() {
        byte[] body = notification(utf8(keys.apiV3Key()), "fdasflkja484", "transaction", b -> b);
        long old = Instant.now().getEpochSecond() - 360;
        Map<String, String> h = signed(body);
        h.put("Wechatpay-Timestamp", Long.toString(old));
        h.put("Wechatpay-Signature", sign(old, h.get("Wechatpay-Nonce"), body));
        SignatureVerificationException e = assertThrows(
                SignatureVerificationException.class,
                () -> client.notifications().parse(body, h::get));
        assertEquals(Reason.STALE_TIMESTAMP, e.reason());
        assertEquals(401, client.notifications().handle(body, h::get, n -> {}).status());
    }

    @Test
    void oversizedNotificationsAreRejectedUnread() {
        Notifications small = client.notifications().withMaxBodyBytes(1024);
        byte[] big = new byte[4096];
        java.util.Arrays.fill(big, (byte) 'x');
        Map<String, String> h = signed(big);
        MalformedNotificationException e =
                assertThrows(MalformedNotificationException.class, () -> small.parse(big, h::get));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
        // from a stream, reading stops at the limit: an endless body ends in the same error
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThrows(MalformedNotificationException.class, () -> small.parse(endless, h::get));
        assertEquals(400, small.handle(endless, h::get, n -> {}).status());
        byte[] ok = notification(utf8(keys.apiV3Key()), "fdasflkja484", "transaction", b -> b);
        Map<String, String> okHeaders = signed(ok);
        assertNotNull(client.notifications().parse(new ByteArrayInputStream(ok), okHeaders::get));
    }

    // ---------------------------------------------------------------- keys

    @Test
    void brokenPemsAreConfigurationErrorsThatSayWhatIsWrong() throws Exception {
        String pkcs8 = keys.merchantPrivateKeyPem();
        // a PKCS#1 key with CRLF line ends (as saved on Windows) is valid and loads
        String pkcs1 = toPkcs1(pkcs8).replace("\n", "\r\n");
        assertEquals(
                keys.merchantKeys().getPrivate().getFormat(),
                Keys.privateKeyFromPem(pkcs1).getFormat());
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put(
                "encrypted",
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI"
                        + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        broken.put("certificate", keys.platformCertificatePem());
        broken.put("truncated", pkcs8.substring(0, pkcs8.length() / 2));
        broken.put("not PEM", "apiclient_key.pem");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        broken.put(
                "EC",
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, utf8("\n"))
                                .encodeToString(
                                        ec.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        for (var e : broken.entrySet()) {
            ConfigurationException c =
                    assertThrows(ConfigurationException.class, () -> Keys.privateKeyFromPem(e.getValue()), e.getKey());
            assertFalse(c.getMessage().isBlank(), e.getKey());
            assertFalse(c.getMessage().contains(pkcs8.substring(40, 80)), "no key material in: " + c.getMessage());
        }
    }

    /** The PKCS#1 form (BEGIN RSA PRIVATE KEY) of a PKCS#8 RSA key: the inner OCTET STRING of the PKCS#8 DER. */
    private static String toPkcs1(String pkcs8Pem) {
        byte[] der = Base64.getMimeDecoder().decode(pkcs8Pem.replaceAll("-----[A-Z ]+-----", ""));
        // PrivateKeyInfo ::= SEQ { INTEGER 0, SEQ { OID, NULL }, OCTET STRING { RSAPrivateKey } }: the key is the
        // last TLV; find the OCTET STRING tag after the algorithm identifier (fixed 15 bytes for rsaEncryption)
        int i = 1 + lengthBytes(der, 1) + 3 + 15;
        assertEquals(0x04, der[i] & 0xff, "OCTET STRING");
        int lengthOfLength = lengthBytes(der, i + 1);
        int len = lengthOfLength == 1
                ? der[i + 1] & 0xff
                : new BigInteger(1, java.util.Arrays.copyOfRange(der, i + 2, i + 1 + lengthOfLength)).intValue();
        byte[] inner = java.util.Arrays.copyOfRange(der, i + 1 + lengthOfLength, i + 1 + lengthOfLength + len);
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, utf8("\n")).encodeToString(inner) + "\n-----END RSA PRIVATE KEY-----\n";
    }

    /** How many bytes the DER length at {@code at} takes, including its first byte. */
    private static int lengthBytes(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    // ---------------------------------------------------------------- requests

    @Test
    void aFourByteCharacterInARequestFieldIsRefusedBeforeSending() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/pay/transactions/native")
                        .post(Options.json(Map.of("description", "咖啡 ☕ 和 🍰"))));
        assertTrue(e.getMessage().contains("'description'"), e.getMessage());
        assertFalse(e.getMessage().contains("🍰"));
        // 3-byte characters (CJK, ☕ U+2615) are fine
        answerSigned(h -> {}, BODY);
        assertEquals(
                200,
                client.chain("v3/pay/transactions/native")
                        .post(Options.json(Map.of("description", "咖啡 ☕")))
                        .statusCode());
    }

    @Test
    void noHostileAnswerEverEscapesAsARawException() {
        List<Consumer<Map<String, String>>> edits = List.of(
                h -> h.clear(),
                h -> h.put("Wechatpay-Serial", ""),
                h -> h.put("Wechatpay-Signature-Type", "HMAC-SHA256"),
                h -> h.put("Wechatpay-Nonce", "caf\u00e9"),
                h -> h.put("Wechatpay-Signature", "===="));
        for (Consumer<Map<String, String>> edit : edits) {
            answerSigned(edit, BODY);
            WechatPayException e = assertThrows(
                    WechatPayException.class, () -> client.chain("v3/x").get());
            assertInstanceOf(SignatureVerificationException.class, e, e::toString);
            Throwable async =
                    client.chain("v3/x").getAsync().handle((r, t) -> t).join();
            assertInstanceOf(SignatureVerificationException.class, async, String.valueOf(async));
        }
    }
}
