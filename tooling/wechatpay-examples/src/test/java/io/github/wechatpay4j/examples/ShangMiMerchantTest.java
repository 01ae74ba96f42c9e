package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.model.Transaction;
import io.github.wechatpay4j.api.model.Transaction.TradeState;
import io.github.wechatpay4j.api.v3.pay.transactions.Native;
import io.github.wechatpay4j.api.v3.pay.transactions.out_trade_no.ByOutTradeNo;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's ShangMi merchant against the fake in ShangMi mode, from a key file on disk. */
class ShangMiMerchantTest {

    @Test
    void aShangMiMerchantPaysAndReadsItsNotification(@TempDir Path keyDirectory) throws Exception {
        ShangMiKeys keys = ShangMiKeys.generate();
        Files.writeString(
                keyDirectory.resolve("apiclient_key.pem"), keys.merchantPrivateKeyPem(), StandardCharsets.US_ASCII);
        try (FakeWechatPay fake = FakeWechatPay.startShangMi(keys);
                WechatPay client = ShangMiMerchant.builder(
                                keys.mchid(), keys.merchantSerial(), keyDirectory, keys.apiV3Key())
                        .allHostsTo(fake.baseUrl())
                        .build()) {
            WechatPayApi api = WechatPayApi.of(client);
            String codeUrl = api.v3()
                    .pay()
                    .transactions()
                    .native_()
                    .post(Native.PostRequest.builder()
                            .appid("wxd678efh567hg6787")
                            .mchid(client.merchantId())
                            .description("Tea, 1 cup")
                            .outTradeNo("SM2-ORDER-1")
                            .notifyUrl("https://example.com/notify")
                            .amount(Native.PostRequest.Amount.builder()
                                    .total(300L)
                                    .currency("CNY")
                                    .build())
                            .build())
                    .codeUrl();
            assertTrue(codeUrl.startsWith("weixin://"), codeUrl);
            assertTrue(fake.lastRequest().header("Authorization").orElseThrow().startsWith("WECHATPAY2-SM2-WITH-SM3 "));
            assertTrue(fake.lastRequest().signatureValid(), fake.lastRequest().signatureError());
            assertTrue(fake.requests().stream().anyMatch(r -> r.target().contains("algorithm_type=SM2")));

            fake.pay("SM2-ORDER-1");
            Transaction paid = api.v3()
                    .pay()
                    .transactions()
                    .outTradeNo("SM2-ORDER-1")
                    .get(new ByOutTradeNo.GetRequest(client.merchantId()));
            assertEquals(TradeState.SUCCESS, paid.tradeState());
            assertEquals(300L, paid.amount().total());

            FakeNotification n = fake.notification(
                    "TRANSACTION.SUCCESS",
                    "{\"out_trade_no\":\"SM2-ORDER-1\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":300}}");
            var standalone =
                    ShangMiMerchant.notifications(fake.certificatesPem(), keys.apiV3Key(), new JacksonJsonCodec());
            assertEquals(
                    "SM2-ORDER-1",
                    ((TransactionSuccess) standalone.parse(n.body(), n::header))
                            .transaction()
                            .outTradeNo());
        }
    }
}
