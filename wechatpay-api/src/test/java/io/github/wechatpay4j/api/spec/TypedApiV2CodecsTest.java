package io.github.wechatpay4j.api.spec;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v2.pay.Micropay;
import io.github.wechatpay4j.api.v2.pay.Orderquery;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.v2.ApiV2Key;
import io.github.wechatpay4j.v2.ApiV2Scheme;
import io.github.wechatpay4j.v2.ApiV2ServiceException;
import io.github.wechatpay4j.v2.SignType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A typed APIv2 request becomes its fields, and an answer's fields (all text in XML) its record, through either JSON
 * adapter: Gson reads numbers as doubles and Jackson as integers, and an amount in fen is written back as {@code 888}
 * either way; {@code "888"} binds to an {@code Integer} component with both.
 */
class TypedApiV2CodecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void aPaymentCodeOrderIsPaidAndQueriedThroughTheTypedApi(String adapter) {
        JsonCodec codec = adapter.equals("gson") ? new GsonJsonCodec() : new JacksonJsonCodec();
        try (FakeWechatPay fake = FakeWechatPay.start();
                WechatPay client = fake.clientBuilder()
                        .jsonCodec(codec)
                        .scheme(
                                ApiV2Scheme.SEGMENT,
                                ApiV2Scheme.factory(ApiV2Key.of(fake.apiV2Key()), SignType.MD5, "wx2421b1c4370ec43b"))
                        .build()) {
            WechatPayApi api = WechatPayApi.of(client);
            ApiV2ServiceException paying = assertThrows(
                    ApiV2ServiceException.class,
                    () -> api.v2()
                            .pay()
                            .micropay()
                            .post(Micropay.PostRequest.builder()
                                    .body("Tea")
                                    .outTradeNo("C-" + adapter)
                                    .totalFee(888)
                                    .spbillCreateIp("14.23.150.211")
                                    .authCode("134567890123456789")
                                    .build()));
            assertEquals("USERPAYING", paying.code().orElseThrow());
            assertEquals(888, fake.apiV2Order("C-" + adapter).orElseThrow().totalFee(), "888, not 888.0");

            Orderquery.PostResponse order = api.v2()
                    .pay()
                    .orderquery()
                    .post(Orderquery.PostRequest.builder()
                            .outTradeNo("C-" + adapter)
                            .build());
            assertEquals(Orderquery.PostResponse.TradeState.SUCCESS, order.tradeState());
            assertEquals(888, order.totalFee());
            assertEquals(fake.apiV2Order("C-" + adapter).orElseThrow().transactionId(), order.transactionId());
        }
    }
}
