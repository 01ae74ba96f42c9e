package io.github.wechatpay4j.it;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Media;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.marketing.shopping_receipt.Shoppingreceipts;
import io.github.wechatpay4j.api.v3.mch_manage.submission_files.sub_mchid.by_sub_mchid.Upload;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, item 6: uploads with the meta each endpoint documents, against the fake in spec-driven mode, which checks
 * every multipart part, the meta against the spec's meta schema, encrypted members, and the announced digest against
 * the file with its own SHA-256 and SM3.
 */
class UploadFidelityTest {
    private static final byte[] PDF = "%PDF-1.4\n% a fapiao\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    private static TestKeys keys;
    private static FakeWechatPay fake;
    private static WechatPay client;

    @BeforeAll
    static void start() throws Exception {
        keys = TestKeys.generate();
        fake = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)
                .specDriven(Path.of("../../wechatpay-api/src/main/spec/operations.json"));
        client = fake.clientBuilder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sentMeta() {
        RecordedRequest r = fake.lastRequest();
        String body = new String(r.body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(
                        "name=\"meta\"\\r\\nContent-Type: application/json\\r\\n\\r\\n(\\{.*?})\\r\\n--",
                        Pattern.DOTALL)
                .matcher(body);
        assertTrue(m.find(), body);
        return new JacksonJsonCodec().read(m.group(1).getBytes(StandardCharsets.UTF_8), Map.class);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void aFapiaoFileIsNamedByItsSm3DigestAndItsAlgorithm() {
        record FapiaoMeta(String subMchid, String fileType) {}
        Map<String, Object> answer = client.chain("v3/new-tax-control-fapiao/fapiao-applications/upload-fapiao-file")
                .post(Options.upload(Media.of("fapiao.pdf", PDF).withMeta(new FapiaoMeta("1900000109", "PDF"))))
                .asMap();
        assertTrue(answer.containsKey("fapiao_media_id"), answer.toString());
        Map<String, Object> meta = sentMeta();
        assertEquals("SM3", meta.get("digest_alogrithm"));
        assertEquals("1900000109", meta.get("sub_mchid"));
        assertEquals("PDF", meta.get("file_type"));
        assertEquals(64, ((String) meta.get("digest")).length()); // and the fake recomputed it with its own SM3
    }

    @Test
    void aTaxiInvoiceNamesItsAlgorithmItsOwnWay() {
        Map<String, Object> memberValues = new LinkedHashMap<>();
        memberValues.put("company_mchid", "1900000109");
        memberValues.put("region_id", 310100);
        client.chain("v3/taxi-invoice/cards/upload-file")
                .post(Options.upload(Media.of("taxi.pdf", PDF).withMeta(memberValues)));
        Map<String, Object> meta = sentMeta();
        assertEquals("DIGEST_ALGORITHM_SM3", meta.get("digest_algorithm"));
        assertEquals(310100, ((Number) meta.get("region_id")).intValue());
    }

    @Test
    void aShoppingReceiptEncryptsTheContactPhoneAndNamesTheKey() throws Exception {
        Shoppingreceipts.PostMeta receipt = new Shoppingreceipts.PostMeta(
                "4200000001",
                null,
                null,
                "order-1",
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                new Shoppingreceipts.PostMeta.MerchantContactInformation("13800138000"),
                null);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        WechatPayApi.of(client)
                .v3()
                .marketing()
                .shoppingReceipt()
                .shoppingreceipts()
                .post(receipt, Media.of("receipt.png", png));
        Map<String, Object> meta = sentMeta();
        assertEquals(hex("SHA-256", png), meta.get("sha256"));
        assertTrue(!meta.containsKey("filename"), "this endpoint's meta has no file name");
        @SuppressWarnings("unchecked")
        String cipher = (String)
                ((Map<String, Object>) meta.get("merchant_contact_information")).get("consultation_phone_number");
        assertNotEquals("13800138000", cipher);
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        oaep.init(Cipher.DECRYPT_MODE, keys.platformKeys().getPrivate());
        assertEquals(
                "13800138000", new String(oaep.doFinal(Base64.getDecoder().decode(cipher)), StandardCharsets.UTF_8));
        assertEquals(
                keys.publicKeyId(),
                fake.lastRequest().header("Wechatpay-Serial").orElseThrow());
    }

    @Test
    void aSubmissionFileTravelsUnderItsOwnPartNameWithItsFormFields() throws Exception {
        Upload.PostResponse answer = WechatPayApi.of(client)
                .v3()
                .mchManage()
                .submissionFiles()
                .subMchid("1230001104")
                .upload()
                .post(
                        new Upload.PostForm(new BigDecimal("56"), "MR-1"),
                        Media.of("licence.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 9}));
        assertTrue(answer.fileId() != null);
        String body = new String(fake.lastRequest().body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("name=\"submission_file\"; filename=\"licence.png\""), body);
        assertTrue(body.contains("name=\"item_id\"\r\n\r\n56\r\n"), body);
        assertTrue(body.contains("name=\"manage_record_id\"\r\n\r\nMR-1\r\n"), body);
        Map<String, Object> meta = sentMeta();
        assertEquals("licence.png", meta.get("file_name"));
        assertEquals(
                hex("SHA-256", new byte[] {(byte) 0x89, 'P', 'N', 'G', 9}).toUpperCase(java.util.Locale.ROOT),
                meta.get("file_digest"));
    }

    @Test
    void aDigestGivenByTheCallerMustBeTheFilesOwn() throws Exception {
        Media media = Media.of("fapiao.pdf", PDF).withMeta("digest", "00".repeat(32));
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/new-tax-control-fapiao/fapiao-applications/upload-fapiao-file")
                        .post(Options.upload(media)));
        assertTrue(e.getMessage().contains("computed by the client"), e.getMessage());
        // the same value the client computes is accepted (and sent once)
        Media same = Media.of("logo.png", new byte[] {1, 2, 3})
                .withMeta("sha256", hex("SHA-256", new byte[] {1, 2, 3}).toUpperCase(java.util.Locale.ROOT));
        client.chain("v3/merchant/media/upload").post(Options.upload(same));
        assertEquals(hex("SHA-256", new byte[] {1, 2, 3}), sentMeta().get("sha256"));
    }
}
