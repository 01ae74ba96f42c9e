package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.pay.transactions.Native;
import io.github.wechatpay4j.crypto.sm.Sm2Certificate;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.ShangMiKeys;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ShangMi merchant configured by properties alone (its SM2 {@code apiclient_key.pem} as {@code private-key},
 * {@code wechatpay-crypto-sm} on the class path) beside an RSA one, against the fake in ShangMi mode over loopback.
 */
class ShangMiStarterTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class));

    @Test
    void anSm2PrivateKeyPropertyMakesAnSm2ClientBesideAnRsaOne() throws Exception {
        ShangMiKeys keys = ShangMiKeys.generate();
        TestKeys rsa = TestKeys.generate("1900000102");
        try (FakeWechatPay fake = FakeWechatPay.startShangMi(keys)) {
            String sm = "wechatpay.merchants.state-owned.";
            String plain = "wechatpay.merchants.shop.";
            runner.withPropertyValues(
                            sm + "merchant-id=" + keys.mchid(),
                            sm + "merchant-serial-number=" + keys.merchantSerial(),
                            sm + "private-key=" + keys.merchantPrivateKeyPem(),
                            sm + "api-v3-key=" + keys.apiV3Key(),
                            sm + "auto-certificates=true",
                            sm + "base-url=" + fake.baseUrl(),
                            plain + "merchant-id=" + rsa.mchid(),
                            plain + "merchant-serial-number=" + rsa.merchantSerial(),
                            plain + "private-key=" + rsa.merchantPrivateKeyPem(),
                            plain + "wechatpay-public-key-id=" + rsa.publicKeyId(),
                            plain + "wechatpay-public-key=" + rsa.platformPublicKeyPem(),
                            plain + "api-v3-key=" + rsa.apiV3Key())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        WechatPayClients clients = context.getBean(WechatPayClients.class);
                        WechatPay client = clients.get("state-owned");
                        String platformSerial =
                                Sm2Certificate.fromPem(fake.certificatesPem()).serialNumber();
                        assertTrue(
                                client.verifier().serialNumbers().contains(platformSerial),
                                "the SM2 platform certificate came from GET /v3/certificates?algorithm_type=SM2");
                        assertTrue(fake.requests().stream()
                                .anyMatch(r -> r.target().contains("algorithm_type=SM2")));

                        String codeUrl = WechatPayApi.of(client)
                                .v3()
                                .pay()
                                .transactions()
                                .native_()
                                .post(Native.PostRequest.builder()
                                        .appid("wxd678efh567hg6787")
                                        .mchid(client.merchantId())
                                        .description("Tea, 1 cup")
                                        .outTradeNo("SM2-STARTER-1")
                                        .notifyUrl("https://example.com/notify")
                                        .amount(Native.PostRequest.Amount.builder()
                                                .total(300L)
                                                .currency("CNY")
                                                .build())
                                        .build())
                                .codeUrl();
                        assertTrue(codeUrl.startsWith("weixin://"), codeUrl);
                        assertTrue(fake.lastRequest()
                                .header("Authorization")
                                .orElseThrow()
                                .startsWith("WECHATPAY2-SM2-WITH-SM3 "));
                        assertTrue(
                                fake.lastRequest().signatureValid(),
                                fake.lastRequest().signatureError());

                        assertSame(clients.get("shop"), clients.byMerchantId(rsa.mchid()));
                        assertEquals(keys.mchid(), client.merchantId());
                    });
        }
    }
}
