package io.github.wechatpay4j.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated operation facts as core reads them: matching concrete paths to templates, and each kind of fact. */
class OperationFactsTest {

    @Test
    void aConcretePathMatchesItsTemplateAndGivesItsRawPlaceholderValues() {
        OperationFacts.Match close = OperationFacts.match("POST", "/v3/combine-transactions/out-trade-no/C%201/close")
                .orElseThrow();
        assertEquals(
                "/v3/combine-transactions/out-trade-no/{combine_out_trade_no}/close",
                close.facts().template());
        assertEquals(Map.of("combine_out_trade_no", "C%201"), close.pathValues());
        assertEquals("{combine_out_trade_no}", close.facts().businessKey());
        assertTrue(
                OperationFacts.match("GET", "/v3/combine-transactions/out-trade-no/C1/close")
                        .isEmpty(),
                "facts are per method");
        assertTrue(
                OperationFacts.match("POST", "/v3/combine-transactions/out-trade-no//close")
                        .isEmpty(),
                "an empty segment is no value");
        assertTrue(OperationFacts.match("GET", "/v3/pay/transactions/id/420000").isEmpty(), "no facts: defaults");
    }

    @Test
    void aPathThatNamesAnOperationLiterallyIsNeverAPlaceholderValue() {
        assertEquals(Answers.Kind.UNSIGNED_FILE, Answers.of("GET", "/v3/merchant-service/images/M1"));
        assertEquals(
                Answers.Kind.SIGNED,
                Answers.of("GET", "/v3/merchant-service/images/upload"),
                "images/upload is the upload operation, not an image named upload");
        assertEquals(Answers.Kind.STATEMENT, Answers.of("GET", "/v3/global/statements"));
        assertEquals(Answers.Kind.SIGNED, Answers.of("POST", "/v3/billdownload/file"));
    }

    @Test
    void hostsIdempotencyKeysAndUploadsComeFromTheTable() {
        assertEquals(
                Set.of(
                        "https://apihk.mch.weixin.qq.com",
                        "https://fraud.mch.weixin.qq.com",
                        "https://payapp.mch.weixin.qq.com",
                        "https://payapp.weixin.qq.com"),
                OperationFacts.hosts());
        assertEquals("https://fraud.mch.weixin.qq.com", OperationFacts.host("/risk/getpublickey"));
        assertNull(OperationFacts.host("/v3/certificates"));
        assertTrue(Idempotency.keyRequired("POST", "/v3/global/merchants"), "the typed API's four, now core's too");
        assertTrue(Idempotency.keyRequired("POST", "/hk/v3/merchants"));
        assertFalse(Idempotency.keyRequired("POST", "/v3/pay/transactions/jsapi"));
        Uploads.MetaRule fapiao = Uploads.metaRule("/v3/new-tax-control-fapiao/fapiao-applications/upload-fapiao-file");
        assertEquals("digest_alogrithm", fapiao.algorithmField(), "spelt as WeChat Pay spells it");
        assertEquals(
                "submission_file",
                Uploads.metaRule("/v3/mch-manage/submission-files/sub-mchid/1900000109/upload")
                        .filePart());
        assertEquals(
                new Uploads.MetaRule("file", "filename", "sha256", "SHA256", false, null, null),
                Uploads.metaRule("/v3/not/an/upload"),
                "the default for an upload the table does not know");
        assertEquals(
                5L * 1024 * 1024,
                Uploads.rule("/v3/merchant/media/upload")
                        .orElseThrow()
                        .limitFor("png")
                        .orElseThrow());
        assertTrue(Uploads.rule("/v3/merchant-service/images/upload").isEmpty(), "no documented limits");
    }

    @Test
    void everyRowIsWellFormed() {
        assertTrue(OperationFacts.all().size() > 40);
        for (OperationFacts.Facts f : OperationFacts.all()) {
            assertTrue(f.template().startsWith("/"), f.template());
            assertTrue(Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(f.method()), f.method());
            assertEquals(
                    f,
                    OperationFacts.match(f.method(), f.template().replaceAll("\\{[^}]+}", "x1"))
                            .orElseThrow()
                            .facts(),
                    f.method() + " " + f.template());
        }
    }
}
