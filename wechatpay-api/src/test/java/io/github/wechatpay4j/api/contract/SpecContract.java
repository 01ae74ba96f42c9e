package io.github.wechatpay4j.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Media;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.codegen.Corrections;
import io.github.wechatpay4j.codegen.Spec;
import io.github.wechatpay4j.download.Download;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.v2.ApiV2Key;
import io.github.wechatpay4j.v2.ApiV2Scheme;
import io.github.wechatpay4j.v2.ClientCertificate;
import io.github.wechatpay4j.v2.SignType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The base of the generated contract tests: one fake WeChat Pay server in spec-driven mode and one client (JDK
 * transport, Jackson) per test class. Each test sends the request built from the spec's examples through the typed
 * chain; the server checks it against the spec and answers from the response examples; {@link #verify} checks that
 * the answer record holds exactly what was sent, by writing it back to JSON.
 */
abstract class SpecContract {
    static final Path SPEC = Path.of("src/main/spec/operations.json");
    static final Path CORRECTIONS = Path.of("src/main/spec/corrections.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeWechatPay fake;
    private static WechatPay client;
    private static WechatPayApi api;
    /** For APIv2: the APIv2 scheme, over the fake's TLS port, the client certificate on the calls that need it. */
    private static WechatPay clientV2;

    private static WechatPayApi apiV2;

    @BeforeAll
    static void start() throws IOException {
        // the fake judges by the spec the typed API was generated from: the imported one with its corrections
        Path corrected = Files.createTempFile("operations-corrected", ".json");
        Corrections.read(CORRECTIONS).apply(Spec.read(SPEC)).write(corrected);
        try {
            fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY)
                    .specDriven(corrected);
        } finally {
            Files.deleteIfExists(corrected);
        }
        client = fake.clientBuilder().build();
        api = WechatPayApi.of(client);
        clientV2 = fake.clientBuilder()
                .allHostsTo(fake.tlsBaseUrl())
                .sslContext(fake.tlsTrustingContext())
                .clientCertificate(ClientCertificate.fromPkcs12(
                        fake.merchantCertificatePkcs12(), fake.keys().mchid(), fake.tlsTrustStore()))
                .scheme(
                        ApiV2Scheme.SEGMENT,
                        ApiV2Scheme.factory(ApiV2Key.of(fake.apiV2Key()), SignType.HMAC_SHA256, "wxd678efh567hg6787"))
                .build();
        apiV2 = WechatPayApi.of(clientV2);
    }

    @AfterAll
    static void stop() {
        client.close();
        clientV2.close();
        fake.close();
    }

    static WechatPayApi apiV2() {
        return apiV2;
    }

    /** The APIv2 client, for the tests that start at the family's entry point ({@code V2Api.of(clientV2())}). */
    static WechatPay clientV2() {
        return clientV2;
    }

    /**
     * An APIv2 bill download: the request the spec describes (checked by the server, which answers {@code FAIL}
     * otherwise) reaches the operation's path on the wire, and the file is read.
     */
    static void verifyApiV2Download(String operation, Download download) {
        byte[] file = download.toBytes();
        assertTrue(file.length > 0, operation + " answered an empty file");
        RecordedRequest sent = fake.lastRequest();
        assertEquals(operation.replace("POST /v2/", "/"), sent.rawPath(), operation + ": the path on the wire");
        assertTrue(fake.specAnswer(operation).isPresent(), operation + " was not answered by the spec");
    }

    /**
     * An APIv2 page: its link is signed so that WeChat Pay (the spec-driven server, which checks the query's sign,
     * required and unknown fields) redirects the browser that opens it.
     */
    static void verifyApiV2Link(String operation, URI link) {
        try {
            HttpsURLConnection browser = (HttpsURLConnection) link.toURL().openConnection();
            browser.setSSLSocketFactory(fake.tlsTrustingContext().getSocketFactory());
            browser.setInstanceFollowRedirects(false);
            assertEquals(302, browser.getResponseCode(), operation + ": the page was not opened");
            browser.disconnect();
        } catch (IOException e) {
            throw new AssertionError(operation + ": the link cannot be opened: " + link, e);
        }
        assertEquals(operation.replace("GET /v2/", "/"), link.getRawPath(), "the v2 marker is not in the link");
        assertTrue(link.getRawQuery().contains("sign="), "the link is signed: " + link);
        assertTrue(fake.specAnswer(operation).isPresent(), operation + " was not answered by the spec");
    }

    /**
     * The typed APIv2 answer holds what the spec-driven server sent, field for field (APIv2 carries every value as
     * text: a number is compared by its text).
     */
    static void verifyApiV2(String operation, Object answer) {
        String sent = fake.specAnswer(operation)
                .orElseThrow(() -> new AssertionError(
                        "the spec-driven server did not answer " + operation + ": the typed call went elsewhere"));
        assertEquals(
                operation.replaceFirst("^[A-Z]+ /v2/", "/"), fake.lastRequest().rawPath(), "the v2 marker is not sent");
        JsonNode expected = tree(sent);
        JsonNode bound = tree(new String(clientV2.jsonCodec().write(answer), StandardCharsets.UTF_8));
        expected.fieldNames().forEachRemaining(name -> {
            if (name.equals("sign") && !bound.has("sign")) {
                return; // WeChat Pay signs answers whose documented fields leave the sign out: checked, not bound
            }
            if (name.matches(".*_0(_0)?") && !bound.has(name)) {
                return; // an indexed field (coupon_fee_$n): in the answer's fields, not in the record
            }
            assertEquals(
                    expected.get(name).asText(),
                    bound.path(name).asText(null),
                    operation + ": the record's " + name + " is not what was answered");
        });
        bound.fieldNames()
                .forEachRemaining(name -> assertTrue(
                        bound.get(name).isNull() || expected.has(name),
                        operation + ": the record holds " + name + ", which was not answered"));
    }

    static WechatPayApi api() {
        return api;
    }

    /** The client, for the tests that start at a family's entry point ({@code PaymentsApi.of(client())}). */
    static WechatPay client() {
        return client;
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static Media upload(String operation) {
        if (operation.contains("video")) {
            return Media.of("contract.mp4", new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});
        }
        return Media.of("contract.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
    }

    /**
     * A file operation: the typed call builds the request the spec describes (checked by the server, which answers
     * {@code PARAM_ERROR} otherwise) and the download reads its answer: the file, or a signed WeChat Pay refusal of
     * the spec's example values (an unknown token or media ID), never an unverifiable or malformed answer.
     */
    static void verifyDownload(String operation, Download download) {
        try {
            byte[] file = download.toBytes();
            assertTrue(file.length > 0, operation + " answered an empty file");
        } catch (ServiceException e) {
            assertTrue(e.isSigned(), operation + ": " + e.getMessage());
            assertTrue(
                    e.code()
                            .filter(c -> !c.equals("PARAM_ERROR") && !c.equals("SIGN_ERROR"))
                            .isPresent(),
                    operation + " was refused as malformed: " + e.getMessage());
        }
        RecordedRequest sent = fake.lastRequest();
        assertEquals(operation.substring(0, operation.indexOf(' ')), sent.method());
        assertTrue(
                sent.rawPath()
                        .matches(operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "[^/]+")),
                operation + " went to " + sent.rawPath());
        assertTrue(sent.signatureValid(), operation + ": the request signature does not verify");
    }

    /** The typed answer of {@code operation} holds what the spec-driven server sent, field for field. */
    static void verify(String operation, Object answer) {
        String sent = fake.specAnswer(operation)
                .orElseThrow(() -> new AssertionError(
                        "the spec-driven server did not answer " + operation + ": the typed call went elsewhere"));
        if (answer instanceof ApiResponse r) {
            assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, operation + " answered " + r.statusCode());
            if (!sent.isEmpty()) {
                assertEquals(tree(sent), tree(r.bodyAsString()), operation);
            }
            return;
        }
        String bound = new String(client.jsonCodec().write(answer), StandardCharsets.UTF_8);
        assertEquals(tree(sent), tree(bound), operation + ": the record does not hold what was answered");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
