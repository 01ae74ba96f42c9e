package io.github.wechatpay4j.it;

import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillCsv;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.download.DownloadException;
import io.github.wechatpay4j.download.EncryptedBillFile;
import io.github.wechatpay4j.download.EncryptedBillFiles;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.testkit.BillSource;
import io.github.wechatpay4j.testkit.FakeWechatPay.Fault;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransport;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bills: the signed GET of the download URL, streamed, un-gzipped on the fly and SHA-1 checked at the end. */
class BillDownloadTest extends FakeServerTestBase {
    static final String BILL = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,"
            + "商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\n"
            + "`2026-11-22 10:00:01,`wx2421b1c4370ec43b,`1900000001,`0,`,`4200000001202611220000000001,`T1,"
            + "`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`CMC,`CNY,`1.00,`0.00,`0,`0,`0.00,`0.00,`,`,`测试商品,`,"
            + "`0.01000,`0.60%,`1.00,`0.00,`\n"
            + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n"
            + "`1,`1.00,`0.00,`0.00,`0.01000,`1.00,`0.00\n";

    static HttpTransport transport(String name) {
        return switch (name) {
            case "jdk" -> new JdkHttpTransport(TransportOptions.defaults());
            case "okhttp" -> new OkHttpTransport(TransportOptions.defaults());
            case "apache" -> new ApacheHttpTransport(TransportOptions.defaults());
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static BillFile tradeBill(WechatPay client, boolean gzip) {
        Options query = Options.query("bill_date", "2026-11-22").withQuery("tar_type", gzip ? "GZIP" : null);
        return client.chain("v3/bill/tradebill").get(query).as(BillFile.class);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void plainAndGzippedBillsArriveIntactThroughEveryTransport(String name, @TempDir Path dir) throws Exception {
        server.bill(BillSource.of(BILL));
        byte[] expected = BILL.getBytes(StandardCharsets.UTF_8);
        try (HttpTransport t = transport(name);
                WechatPay client = server.clientBuilder().transport(t).build()) {
            Path target = dir.resolve("tradebill-20261122.csv");
            assertEquals(expected.length, client.downloads().bill(tradeBill(client, false), target));
            assertArrayEquals(expected, Files.readAllBytes(target));
            BillCsv.Table table = BillCsv.parse(Files.newInputStream(target));
            assertEquals("T1", table.rows().get(0).get("商户订单号"));
            assertEquals("0.01000", table.summary().get("手续费总金额"));
            RecordedRequest download = server.lastRequest();
            assertEquals("/v3/billdownload/file", download.rawPath());
            assertTrue(download.signatureValid(), "the download URL is fetched with a signed GET");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(expected.length, client.downloads().bill(tradeBill(client, true), out));
            assertArrayEquals(expected, out.toByteArray());
            assertEquals(List.of(target), filesIn(dir), "no temporary file is left");
        }
    }

    @Test
    void fundFlowBillsToo() {
        server.bill(BillSource.of("记账时间,微信支付业务单号\n`2026-11-22 10:00:01,`1\n"));
        WechatPay client = client();
        BillFile bill = client.chain("v3/bill/fundflowbill")
                .get(Options.query("bill_date", "2026-11-22"))
                .as(BillFile.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.downloads().bill(bill, out);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("记账时间"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void aWrongHashOrATruncatedStreamIsTypedAndLeavesNoFile(String name, @TempDir Path dir) throws Exception {
        server.bill(BillSource.repeating(BILL.getBytes(StandardCharsets.UTF_8), 300_000));
        Path target = dir.resolve("bill.csv");
        Files.writeString(target, "yesterday's copy");
        try (HttpTransport t = transport(name);
                WechatPay client = server.clientBuilder().transport(t).build()) {
            server.fault(Fault.BILL_WRONG_HASH);
            DownloadException wrong = assertThrows(
                    DownloadException.class, () -> client.downloads().bill(tradeBill(client, false), target));
            assertEquals(DownloadException.Reason.HASH_MISMATCH, wrong.reason());
            assertTrue(wrong.getMessage().contains("download it again"), wrong.getMessage());

            server.clearFaults().fault(Fault.BILL_TRUNCATED);
            assertEquals(
                    DownloadException.Reason.HASH_MISMATCH,
                    assertThrows(
                                    DownloadException.class,
                                    () -> client.downloads().bill(tradeBill(client, false), target))
                            .reason());
            assertEquals(
                    DownloadException.Reason.CORRUPT_GZIP,
                    assertThrows(
                                    DownloadException.class,
                                    () -> client.downloads().bill(tradeBill(client, true), target))
                            .reason());

            // a plain bill can no longer be read as gzip: whether it is gzipped is read from the file
        }
        assertEquals("yesterday's copy", Files.readString(target), "a failed download never replaces the file");
        assertEquals(List.of(target), filesIn(dir), "and leaves no partial file");
    }

    @Test
    void theSignatureIsNeverSentToAnotherHost() {
        WechatPay client = client();
        server.clearRequests();
        for (String url : new String[] {
            "https://evil.example.com/v3/billdownload/file?token=x",
            server.baseUrl().replace("127.0.0.1", "localhost") + "/v3/billdownload/file?token=x",
            "not a url",
            "http://127.0.0.1:1/v3/billdownload/file"
        }) {
            assertThrows(
                    MalformedResponseException.class,
                    () -> client.downloads()
                            .bill(
                                    new BillFile("SHA1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", url),
                                    new ByteArrayOutputStream()),
                    url);
        }
        assertEquals(
                DownloadException.Reason.UNSUPPORTED_HASH,
                assertThrows(
                                DownloadException.class,
                                () -> client.downloads()
                                        .bill(
                                                new BillFile(
                                                        "MD5",
                                                        "d41d8cd98f00b204e9800998ecf8427e",
                                                        server.baseUrl() + "/v3/billdownload/file?token=x"),
                                                new ByteArrayOutputStream()))
                        .reason());
        assertThrows(
                MalformedResponseException.class,
                () -> client.downloads()
                        .bill(
                                new BillFile("SHA1", "xyz", server.baseUrl() + "/v3/billdownload/file"),
                                new ByteArrayOutputStream()));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anExpiredDownloadUrlIsAServiceException(@TempDir Path dir) throws Exception {
        server.bill(BillSource.of(BILL));
        WechatPay client = client();
        BillFile bill = tradeBill(client, false);
        BillFile expired = new BillFile(
                bill.hashType(), bill.hashValue(), server.baseUrl() + "/v3/billdownload/file?token=EXPIRED");
        ServiceException e =
                assertThrows(ServiceException.class, () -> client.downloads().bill(expired, dir.resolve("b.csv")));
        assertEquals(400, e.statusCode());
        assertEquals("INVALID_REQUEST", e.code().orElseThrow());
        assertFalse(Files.exists(dir.resolve("b.csv")));
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aFailingOutputStreamIsAWriteFailure() {
        server.bill(BillSource.of(BILL));
        WechatPay client = client();
        DownloadException e = assertThrows(
                DownloadException.class,
                () -> client.downloads().bill(tradeBill(client, false), new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("disk full");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("disk full");
                    }
                }));
        assertEquals(DownloadException.Reason.WRITE_FAILED, e.reason());
    }

    private static EncryptedBillFile subMerchantFundFlowBill(WechatPay client, boolean gzip) {
        EncryptedBillFiles files = client.chain("v3/bill/sub-merchant-fundflowbill")
                .get(Options.query("sub_mchid", "1900000109")
                        .withQuery("bill_date", "2026-11-22")
                        .withQuery("account_type", "BASIC")
                        .withQuery("algorithm", "AEAD_AES_256_GCM")
                        .withQuery("tar_type", gzip ? "GZIP" : null))
                .as(EncryptedBillFiles.class);
        assertEquals(1, files.downloadBillCount());
        return files.downloadBillList().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void encryptedBillsAreDecryptedUnzippedAndCheckedOnTheWay(String name, @TempDir Path dir) throws Exception {
        byte[] expected = BILL.repeat(500).getBytes(StandardCharsets.UTF_8);
        server.bill(BillSource.of(expected));
        try (HttpTransport t = transport(name);
                WechatPay client = server.clientBuilder().transport(t).build()) {
            Path target = dir.resolve("sub-fundflow.csv");
            EncryptedBillFile file = subMerchantFundFlowBill(client, false);
            assertEquals(expected.length, client.downloads().bill(file, target));
            assertArrayEquals(expected, Files.readAllBytes(target));
            assertFalse(file.toString().contains(file.encryptKey()), "the wrapped key is not shown");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.downloads().bill(subMerchantFundFlowBill(client, true), out);
            assertArrayEquals(expected, out.toByteArray());
        }
    }

    @Test
    void encryptedBillFailuresAreTyped(@TempDir Path dir) throws Exception {
        server.bill(BillSource.of(BILL.repeat(50)));
        WechatPay client = client();
        Path target = dir.resolve("b.csv");

        server.fault(Fault.BILL_TRUNCATED);
        DownloadException truncated = assertThrows(
                DownloadException.class, () -> client.downloads().bill(subMerchantFundFlowBill(client, false), target));
        assertEquals(DownloadException.Reason.BAD_TAG, truncated.reason());

        server.clearFaults().fault(Fault.BILL_WRONG_HASH);
        assertEquals(
                DownloadException.Reason.HASH_MISMATCH,
                assertThrows(
                                DownloadException.class,
                                () -> client.downloads().bill(subMerchantFundFlowBill(client, false), target))
                        .reason());

        server.clearFaults();
        EncryptedBillFile file = subMerchantFundFlowBill(client, false);
        EncryptedBillFile otherKey = new EncryptedBillFile(
                1,
                file.downloadUrl(),
                client.encrypt("x").ciphertext(),
                file.hashType(),
                file.hashValue(),
                file.nonce());
        assertThrows(DecryptionException.class, () -> client.downloads().bill(otherKey, target));
        EncryptedBillFile wrongNonce = new EncryptedBillFile(
                1, file.downloadUrl(), file.encryptKey(), file.hashType(), file.hashValue(), "000000000000");
        assertEquals(
                DownloadException.Reason.BAD_TAG,
                assertThrows(DownloadException.class, () -> client.downloads().bill(wrongNonce, target))
                        .reason());
        assertEquals(List.of(), filesIn(dir), "nothing is left behind");
    }
}
