package io.github.wechatpay4j.it;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.bill.SubMerchantFundflowbill;
import io.github.wechatpay4j.api.v3.bill.Tradebill;
import io.github.wechatpay4j.api.v3.fund_app.mch_transfer.elecsign.OutBillNo;
import io.github.wechatpay4j.api.v3.fund_app.mch_transfer.elecsign.out_bill_no.ByOutBillNo;
import io.github.wechatpay4j.api.v3.pay.transactions.Jsapi;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.testkit.BillSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, item 5: typed answers plug into the client's helpers through small core interfaces
 * ({@code PrepayAnswer}, {@code DownloadLocation}), and a bill's gzip is read from the file, so that it cannot
 * disagree with the request's {@code tar_type}.
 */
class TypedHelpersTest extends FakeServerTestBase {

    @Test
    void aTypedPrepayAnswerGivesTheFrontEndParameters() {
        WechatPay client = client();
        Jsapi.PostResponse prepay = WechatPayApi.of(client)
                .v3()
                .pay()
                .transactions()
                .jsapi()
                .post(Jsapi.PostRequest.builder()
                        .appid("wxd678efh567hg6787")
                        .mchid(keys.mchid())
                        .description("tea")
                        .outTradeNo("HELPER-1")
                        .notifyUrl("https://example.com/notify")
                        .amount(Jsapi.PostRequest.Amount.builder()
                                .total(100)
                                .currency("CNY")
                                .build())
                        .payer(Jsapi.PostRequest.Payer.builder()
                                .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                                .build())
                        .build());
        JsapiPayment pay = client.frontEnd().jsapiPayment("wxd678efh567hg6787", prepay);
        assertEquals("prepay_id=" + prepay.prepayId(), pay.packageValue());
        assertEquals("RSA", pay.signType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GZIP", ""})
    void aTypedBillAnswerDownloadsWhetherOrNotItWasGzipped(String tarType, @TempDir Path dir) throws Exception {
        server.bill(BillSource.of(
                "交易时间,商户订单号,应结订单金额\n`2026-11-22 10:00:01,`HELPER-1,`0.01\n" + "总交易单数,应结订单总金额\n`1,`0.01\n"));
        WechatPay client = client();
        Tradebill.GetResponse bill = WechatPayApi.of(client)
                .v3()
                .bill()
                .tradebill()
                .get(new Tradebill.GetRequest("2026-11-22", null, "ALL", tarType.isEmpty() ? null : tarType));
        Path csv = dir.resolve("tradebill.csv");
        long size = client.downloads().bill(bill, csv);
        assertTrue(Files.readString(csv, StandardCharsets.UTF_8).contains("`HELPER-1"));
        assertEquals(Files.size(csv), size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GZIP", ""})
    void aTypedEncryptedBillItemDownloadsAsItIs(String tarType, @TempDir Path dir) throws Exception {
        server.bill(BillSource.of("记账时间,业务名称,收支类型\n`2026-11-22 10:00:01,`HELPER-FUND,`收入\n" + "资金流水总笔数,收入笔数\n`1,`1\n"));
        WechatPay client = client();
        SubMerchantFundflowbill.GetResponse bill = WechatPayApi.of(client)
                .v3()
                .bill()
                .subMerchantFundflowbill()
                .get(SubMerchantFundflowbill.GetRequest.builder()
                        .subMchid("1900000109")
                        .billDate("2026-11-22")
                        .accountType(SubMerchantFundflowbill.GetRequest.AccountType.BASIC)
                        .algorithm(SubMerchantFundflowbill.GetRequest.Algorithm.AEAD_AES_256_GCM)
                        .tarType(tarType.isEmpty() ? null : tarType)
                        .build());
        Path csv = dir.resolve("fundflow.csv");
        client.downloads().bill(bill.downloadBillList().get(0), csv); // decrypted, un-gzipped when gzip, checked
        assertTrue(Files.readString(csv, StandardCharsets.UTF_8).contains("`HELPER-FUND"));
    }

    @Test
    void aTypedReceiptAnswerIsADownloadLocation(@TempDir Path dir) throws Exception {
        WechatPay client = client();
        WechatPayApi api = WechatPayApi.of(client);
        api.v3().fundApp().mchTransfer().elecsign().outBillNo().post(new OutBillNo.PostRequest("HELPER-RECEIPT"));
        ByOutBillNo.GetResponse receipt = api.v3()
                .fundApp()
                .mchTransfer()
                .elecsign()
                .outBillNo("HELPER-RECEIPT")
                .get();
        assertEquals("SHA256", receipt.hashAlgorithm());
        Path pdf = dir.resolve("receipt.pdf");
        client.downloads().file(receipt).toFile(pdf);
        assertTrue(Files.readString(pdf, StandardCharsets.ISO_8859_1).contains("HELPER-RECEIPT"));
    }
}
