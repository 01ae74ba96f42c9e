package io.github.wechatpay4j.api.spec;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.codegen.ApiV2Table;
import io.github.wechatpay4j.codegen.Corrections;
import io.github.wechatpay4j.codegen.FactsTable;
import io.github.wechatpay4j.codegen.Spec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reviewed corrections apply cleanly to the imported spec, and the client's own knowledge of which answers are
 * files (core keeps that table so that {@code chain(path).download()} works without the typed API) agrees with the
 * corrected spec for every APIv3 operation.
 */
class CorrectedSpecTest {
    private static final Path SPEC = Path.of("src/main/spec/operations.json");
    private static final Path CORRECTIONS = Path.of("src/main/spec/corrections.json");

    private static Spec corrected() {
        return Corrections.read(CORRECTIONS).apply(Spec.read(SPEC));
    }

    @Test
    void everyCorrectionNamesItsSourceAndChangesItsOperation() {
        Corrections corrections = Corrections.read(CORRECTIONS);
        assertFalse(corrections.corrections().isEmpty());
        Spec imported = Spec.read(SPEC);
        Spec corrected = corrections.apply(imported); // throws for a correction that is unsourced or a no-op
        long defined = corrections.corrections().stream()
                .filter(c -> c.define() != null)
                .count();
        assertEquals(
                imported.operations().size() + defined, corrected.operations().size());
        for (Corrections.Correction c : corrections.corrections()) {
            assertTrue(
                    c.source().contains("http")
                            || c.source().contains(".php")
                            || c.source().contains(".java")
                            || c.source().contains(".go"),
                    c.operation() + ": a source is a page or a reference SDK's file");
        }
    }

    @Test
    void aCorrectionThatNoLongerCorrectsAnythingFailsTheBuild() {
        Corrections stale = new Corrections(List.of(new Corrections.Correction(
                "GET /v3/billdownload/file",
                Map.of("produces", "download"),
                "https://example.invalid",
                "already so upstream")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stale.apply(Spec.read(SPEC)));
        assertTrue(e.getMessage().contains("changes nothing"), e.getMessage());
        Corrections unknown = new Corrections(List.of(new Corrections.Correction(
                "GET /v3/nowhere", Map.of("produces", "download"), "https://example.invalid", "no such operation")));
        assertThrows(IllegalStateException.class, () -> unknown.apply(Spec.read(SPEC)));
    }

    /**
     * Core acts on one table of operation facts (files, hosts, Idempotency-Key, business keys, uploads), generated
     * from the corrected spec and committed to core's resources because core is built before the generator.
     */
    @Test
    void coresOperationFactsAreTheOnesTheCorrectedSpecGenerates() throws java.io.IOException {
        String committed;
        try (java.io.InputStream in = WechatPay.class.getClassLoader().getResourceAsStream(FactsTable.RESOURCE)) {
            assertTrue(in != null, FactsTable.RESOURCE + " is in wechatpay-core");
            committed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(
                FactsTable.of(corrected()),
                committed,
                "the spec or its corrections changed: regenerate with"
                        + " java -cp <codegen class path> io.github.wechatpay4j.codegen.FactsTable wechatpay-api/src/main/spec"
                        + " wechatpay-core/src/main/resources/" + FactsTable.RESOURCE);
    }

    /**
     * The APIv2 scheme's table (client certificate, sign types) is generated from the corrected spec and committed to
     * wechatpay-v2's resources, which cannot depend on the generator.
     */
    @Test
    void theApiV2FactsAreTheOnesTheCorrectedSpecGenerates() throws java.io.IOException {
        String committed;
        try (java.io.InputStream in =
                io.github.wechatpay4j.v2.ApiV2Scheme.class.getClassLoader().getResourceAsStream(ApiV2Table.RESOURCE)) {
            assertTrue(in != null, ApiV2Table.RESOURCE + " is in wechatpay-v2");
            committed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(
                ApiV2Table.of(corrected()),
                committed,
                "the spec or its corrections changed: regenerate with"
                        + " java -cp <codegen class path> io.github.wechatpay4j.codegen.ApiV2Table wechatpay-api/src/main/spec"
                        + " wechatpay-v2/src/main/resources/" + ApiV2Table.RESOURCE);
    }

    @Test
    void everyOperationGoesToTheHostTheCorrectedSpecNames() {
        TestKeys keys = TestKeys.generate();
        try (WechatPay client = WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                .build()) {
            int pinned = 0;
            for (Spec.Operation op : corrected().operations()) {
                String expected = op.host() == null
                        ? WechatPay.DEFAULT_BASE_URL
                        : op.host().replaceAll("/+$", "");
                pinned += op.host() == null ? 0 : 1;
                assertEquals(expected, client.baseUrlFor(op.path()), op.key());
            }
            assertEquals(6, pinned);
        }
    }

    @Test
    void theClientTreatsExactlyTheCorrectedSpecsFileOperationsAsFiles() throws Exception {
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY);
                WechatPay client = fake.clientBuilder().build()) {
            int files = 0;
            for (Spec.Operation op : corrected().operations()) {
                if (op.api().equals("v2") || !op.method().equals("GET")) {
                    continue;
                }
                Options options = Options.none();
                Matcher m = placeholder.matcher(op.path());
                while (m.find()) {
                    options = options.withPath(m.group(1), "X1");
                }
                if (op.produces().equals("download")) {
                    files++;
                    assertTrue(
                            client.chain(op.path())
                                    .download(options)
                                    .pathAndQuery()
                                    .startsWith("/"),
                            op.key());
                } else {
                    Options o = options;
                    assertThrows(
                            InvalidRequestException.class,
                            () -> client.chain(op.path()).download(o),
                            op.key() + " answers signed JSON, so the client must not read it unverified");
                }
            }
            assertEquals(7, files, "billdownload, two transfer receipts, two complaint images, two statements");
        }
    }
}
