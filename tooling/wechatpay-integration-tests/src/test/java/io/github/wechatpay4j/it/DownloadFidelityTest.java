package io.github.wechatpay4j.it;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Media;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.download.Download;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.Downloaded;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, items 1 and 2: the files WeChat Pay serves unsigned (complaint images, transfer receipts) and the
 * overseas statements signed through their SHA-1, over HTTP to the fake, which serves them as WeChat Pay does
 * (wechatpay-php's {@code ClientJsonTrait.php} is the outside reference for both rules).
 */
class DownloadFidelityTest extends FakeServerTestBase {

    private static byte[] image(int size) {
        byte[] jpeg = new byte[size];
        new Random(size).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        return jpeg;
    }

    private String uploadImage(WechatPay client, String path, byte[] jpeg) {
        return (String) client.chain(path)
                .post(Options.upload(Media.of("evidence.jpg", jpeg)))
                .asMap()
                .get("media_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3/merchant-service/images", "v3/global/merchant-service/images"})
    void complaintImagesComeBackUnsignedByteForByte(String images) {
        WechatPay client = client();
        byte[] jpeg = image(300_000);
        String mediaId = uploadImage(client, images + "/upload", jpeg);
        Download download =
                client.chain(images + "/{media_id}").download(Options.none().withPath("media_id", mediaId));
        assertArrayEquals(jpeg, download.toBytes());
        RecordedRequest sent = server.lastRequest();
        assertEquals("GET", sent.method());
        assertTrue(sent.signatureValid(), "the download request is signed like any other");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Downloaded result = download.to(out);
        assertArrayEquals(jpeg, out.toByteArray());
        assertEquals("image/jpeg", result.contentType());
        assertEquals(jpeg.length, result.size());
    }

    @Test
    void theTypedApiReturnsTheDownloadForFileOperations(@TempDir Path dir) throws Exception {
        WechatPay client = client();
        WechatPayApi api = WechatPayApi.of(client);
        byte[] jpeg = image(4096);
        String mediaId = uploadImage(client, "v3/merchant-service/images/upload", jpeg);
        assertArrayEquals(jpeg, api.v3().merchantService().images(mediaId).get().toBytes());

        Path statement = dir.resolve("statement.csv");
        api.v3()
                .global()
                .statements()
                .get(new io.github.wechatpay4j.api.v3.global.Statements.GetRequest("20261125", null, null, null))
                .toFile(statement);
        assertTrue(Files.readString(statement).contains("2026-11-25"));
        assertEquals("/v3/global/statements", server.lastRequest().rawPath());
        assertEquals("date=20261125", server.lastRequest().rawQuery());
    }

    /**
     * wechatpay-axios-plugin tests/openapi/v3.merchant-service.images.test.js (f5bc863, MIT): a complaint's
     * {@code media_url} carries a percent-encoded media ID ({@code %2B}), and the image comes back unsigned as
     * {@code image/gif} (the 1x1 GIF of that test). The URL is signed and sent exactly as given: decoding or
     * re-encoding {@code %2B} makes WeChat Pay answer 400 or 401.
     */
    @Test
    void aMediaUrlWithAPercentEncodedIdIsSignedAsGiven() {
        String encoded = "ChsyMDAyMDA1MjAyMTA3MjIxNzAwMDAxMzIwNzIYACD%2B9I6IBigBMAE4AQ==";
        byte[] gif = java.util.Base64.getDecoder().decode("R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==");
        server.complaintImage("ChsyMDAyMDA1MjAyMTA3MjIxNzAwMDAxMzIwNzIYACD+9I6IBigBMAE4AQ==", gif, "image/gif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Downloaded result = client().downloads()
                .file(server.baseUrl() + "/v3/merchant-service/images/" + encoded)
                .to(out);
        assertArrayEquals(gif, out.toByteArray());
        assertEquals("image/gif", result.contentType());
        assertEquals(
                "/v3/merchant-service/images/" + encoded, server.lastRequest().rawPath());
        assertTrue(server.lastRequest().signatureValid());
    }

    @Test
    void anUnknownImageIsASignedServiceErrorNotAFile() {
        ServiceException e = assertThrows(
                ServiceException.class,
                () -> client().chain("v3/merchant-service/images/{media_id}")
                        .download(Options.none().withPath("media_id", "nope"))
                        .toBytes());
        assertEquals(404, e.statusCode());
        assertEquals("RESOURCE_NOT_EXISTS", e.code().orElseThrow());
        assertTrue(e.isSigned());
    }

    @Test
    void aSignedJsonEndpointCannotBeReadAsAnUnsignedFile() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> client().chain("v3/pay/transactions/id/{transaction_id}")
                        .download(Options.none().withPath("transaction_id", "4200000001")));
        assertTrue(e.getMessage().contains("signed JSON"), e.getMessage());
    }

    private Map<String, Object> receiptQuery(WechatPay client, String outBillNo) {
        client.chain("v3/fund-app/mch-transfer/elecsign/out-bill-no")
                .post(Options.json(Map.of("out_bill_no", outBillNo)));
        return client.chain("v3/fund-app/mch-transfer/elecsign/out-bill-no/{out_bill_no}")
                .get(Options.none().withPath("out_bill_no", outBillNo))
                .asMap();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "SM3"})
    void transferReceiptsAreCheckedWithTheHashTheirQueryAnnounces(String hashType, @TempDir Path dir) throws Exception {
        server.receiptHashType(hashType);
        WechatPay client = client();
        Map<String, Object> answer = receiptQuery(client, "PLFK-" + hashType);
        assertEquals(hashType, answer.get("hash_type"));
        Path target = dir.resolve("receipt.pdf");
        Downloaded result = client.downloads()
                .file((String) answer.get("download_url"))
                .expect((String) answer.get("hash_type"), (String) answer.get("hash_value"))
                .toFile(target);
        byte[] pdf = Files.readAllBytes(target);
        assertTrue(new String(pdf, StandardCharsets.ISO_8859_1).startsWith("%PDF-1.4"));
        assertTrue(new String(pdf, StandardCharsets.ISO_8859_1).contains("PLFK-" + hashType));
        assertEquals(pdf.length, result.size());
        assertEquals("application/pdf", result.contentType());
        assertEquals(
                "/v3/transferdownload/elecvoucherfile", server.lastRequest().rawPath());
    }

    @Test
    void aReceiptWhoseHashIsNotTheAnnouncedOneLeavesNothingBehind(@TempDir Path dir) throws Exception {
        WechatPay client = client();
        server.fault(Fault.BILL_WRONG_HASH, 2); // the application, then the query that announces the hash
        Map<String, Object> answer = receiptQuery(client, "PLFK-WRONG");
        Path target = dir.resolve("receipt.pdf");
        Files.writeString(target, "yesterday's receipt");
        DownloadException e = assertThrows(
                DownloadException.class,
                () -> client.downloads()
                        .file((String) answer.get("download_url"))
                        .expect((String) answer.get("hash_type"), (String) answer.get("hash_value"))
                        .toFile(target));
        assertEquals(DownloadException.Reason.HASH_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("SHA256"), e.getMessage());
        assertEquals("yesterday's receipt", Files.readString(target), "the old file is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aTamperedReceiptIsRefusedEvenStreamed() {
        WechatPay client = client();
        Map<String, Object> answer = receiptQuery(client, "PLFK-TAMPER");
        server.fault(Fault.TAMPER_BODY, 1);
        assertEquals(
                DownloadException.Reason.HASH_MISMATCH,
                assertThrows(
                                DownloadException.class,
                                () -> client.downloads()
                                        .file((String) answer.get("download_url"))
                                        .expect((String) answer.get("hash_type"), (String) answer.get("hash_value"))
                                        .toUnverified(new ByteArrayOutputStream()))
                        .reason());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFapiaoFileComesFromTheDownloadUrlItsQueryAnswers(@TempDir Path dir) throws Exception {
        WechatPay client = client();
        Map<String, Object> answer = client.chain(
                        "v3/new-tax-control-fapiao/fapiao-applications/{fapiao_apply_id}/fapiao-files")
                .get(Options.path("fapiao_apply_id", "4200000444201910177461284488")
                        .withQuery("sub_mchid", "1900000109")
                        .withQuery("fapiao_id", "20200701123456"))
                .asMap();
        Map<String, Object> info =
                ((java.util.List<Map<String, Object>>) answer.get("fapiao_download_info_list")).get(0);
        Path target = dir.resolve("fapiao.pdf");
        client.downloads().file((String) info.get("download_url")).toFile(target);
        assertTrue(Files.readString(target, StandardCharsets.ISO_8859_1).contains("20200701123456"));
        assertEquals("/v3/new-tax-control-fapiao/download", server.lastRequest().rawPath());
    }

    @Test
    void downloadUrlsOffTheApiHostAreNeverSentTheSignature() {
        assertThrows(
                io.github.wechatpay4j.MalformedResponseException.class,
                () -> client().downloads().file("https://pay.wechatpay.cn/invoicing/fapiao/fapiao-file?token=x"));
    }

    // ------------------------------------------------------------------ item 2: overseas statements

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3/global/statements", "hk/v3/statements"})
    void overseasStatementsVerifyThroughTheirSha1(String path) throws Exception {
        for (FakeWechatPay.Mode mode : FakeWechatPay.Mode.values()) {
            server.mode(mode);
            WechatPay client = track(server.clientBuilder().build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Downloaded result = client.chain(path)
                    .download(Options.none().withQuery("date", "20261129"))
                    .to(out);
            String csv = out.toString(StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("Transaction Time,"), csv);
            assertTrue(csv.contains("2026-11-29"), csv);
            assertEquals(out.size(), result.size());
            assertTrue(result.contentType().startsWith("text/plain"));
        }
    }

    @Test
    void aGzipEncodedStatementIsUnzippedAndItsSha1CoversThePlainCsv() {
        byte[] plain = client().chain("v3/global/statements")
                .download(Options.none().withQuery("date", "20261128"))
                .toBytes();
        byte[] viaGzip = client().chain("v3/global/statements")
                .download(Options.none().withQuery("date", "20261128").withHeader("Accept-Encoding", "gzip"))
                .toBytes();
        assertEquals("gzip", server.lastRequest().header("Accept-Encoding").orElseThrow());
        assertArrayEquals(plain, viaGzip);
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"TAMPER_BODY", "MISSING_SIGNATURE_HEADERS", "STALE_TIMESTAMP", "UNKNOWN_SERIAL"})
    void aStatementThatIsAlteredOrUnsignedIsRefused(Fault fault) {
        WechatPay client = client();
        server.fault(fault, 1);
        Download statement =
                client.chain("v3/global/statements").download(Options.none().withQuery("date", "20261127"));
        RuntimeException e = assertThrows(RuntimeException.class, statement::toBytes);
        if (fault == Fault.TAMPER_BODY) {
            assertEquals(DownloadException.Reason.HASH_MISMATCH, ((DownloadException) e).reason());
        } else {
            assertTrue(e instanceof SignatureVerificationException, e.toString());
        }
    }

    @Test
    void theStatementSignatureCoversTheSha1JsonNotTheBody() throws Exception {
        // a statement signed over its body, as a naive server would sign it: right hash, wrong signed message
        byte[] csv = "Transaction Time,Amount\r\n`2026-11-26 10:00:00,`1.00\r\n".getBytes(StandardCharsets.UTF_8);
        server.on(
                "GET",
                "/v3/global/statements",
                request -> new io.github.wechatpay4j.testkit.FakeResponse(
                        200, Map.of("Content-Type", "text/plain", "Wechatpay-Statement-Sha1", sha1(csv)), csv));
        try {
            SignatureVerificationException e = assertThrows(
                    SignatureVerificationException.class,
                    () -> client().chain("v3/global/statements")
                            .download(Options.none().withQuery("date", "20261126"))
                            .toBytes());
            assertEquals(SignatureVerificationException.Reason.BAD_SIGNATURE, e.reason());
        } finally {
            server.clearRoutes();
        }
    }
}
