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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
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
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
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
