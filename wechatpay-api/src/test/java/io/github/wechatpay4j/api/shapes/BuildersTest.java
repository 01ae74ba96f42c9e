package io.github.wechatpay4j.api.shapes;

import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.api.v3.pay.transactions.Jsapi;
import io.github.wechatpay4j.api.v3.refund.domestic.Refunds;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 2: every request record has a builder with named setters and literal-friendly overloads. */
class BuildersTest {

    @Test
    void aJsapiOrderReadsAsWhatItIs() {
        Jsapi.PostRequest order = Jsapi.PostRequest.builder()
                .appid("wxd678efh567hg6787")
                .mchid("1230000109")
                .description("Image形象店-深圳腾大-QQ公仔")
                .outTradeNo("1217752501201407033233368018")
                .notifyUrl("https://www.weixin.qq.com/wxpay/pay.php")
                .amount(Jsapi.PostRequest.Amount.builder()
                        .total(100)
                        .currency("CNY")
                        .build())
                .payer(Jsapi.PostRequest.Payer.builder()
                        .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                        .build())
                .build();
        assertEquals(100L, order.amount().total());
        assertEquals(
                "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"description\":\"Image形象店-深圳腾大-QQ公仔\","
                        + "\"out_trade_no\":\"1217752501201407033233368018\",\"amount\":{\"total\":100,\"currency\":\"CNY\"},"
                        + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}}",
                new String(new JacksonJsonCodec().write(order), StandardCharsets.UTF_8));
    }

    @Test
    void refundAndTotalAreNamedSoTheyCannotBeSwappedSilently() {
        Refunds.PostRequest.Amount amount = Refunds.PostRequest.Amount.builder()
                .refund(40)
                .total(100)
                .currency("CNY")
                .build();
        assertEquals(40L, amount.refund());
        assertEquals(100L, amount.total());
        Refunds.PostRequest.Amount more = amount.toBuilder().refund(60).build();
        assertEquals(60L, more.refund());
        assertEquals(40L, amount.refund(), "toBuilder changes a copy");
        assertNotEquals(amount, more);
    }

    @Test
    void buildChecksRequiredFieldsLikeTheConstructor() {
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> Jsapi.PostRequest.builder().appid("wx").build());
        assertTrue(e.getMessage().contains("mchid") || e.getMessage().contains("description"), e.getMessage());
    }
}
