package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.frontend.AppPayment;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.testkit.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSAPI / mini-program and App payment parameters, built from a real prepay answer and checked with plain JCA. */
class FrontEndPaymentTest extends FakeServerTestBase {

    private static boolean merchantSigned(String message, String signature) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(keys.merchantKeys().getPublic());
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(signature));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void jsapiParametersFromThePrepayAnswer(String codec) throws Exception {
        server.on(
                "POST",
                "/v3/pay/transactions/jsapi",
                FakeResponse.ok("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}"));
        WechatPay client = client(codec);
        ApiResponse prepay = client.chain("v3/pay/transactions/jsapi")
                .post(Options.json(Map.of(
                        "appid",
                        "wxd678efh567hg6787",
                        "mchid",
                        keys.mchid(),
                        "description",
                        "Image形象店-深圳腾大-QQ公仔",
                        "out_trade_no",
                        "1217752501201407033233368018",
                        "notify_url",
                        "https://www.weixin.qq.com/wxpay/pay.php",
                        "amount",
                        Map.of("total", 100),
                        "payer",
                        Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))));

        JsapiPayment pay = client.frontEnd().jsapiPayment("wxd678efh567hg6787", prepay);

        assertEquals("prepay_id=wx201410272009395522657a690389285100", pay.packageValue());
        assertEquals("RSA", pay.signType());
        assertTrue(pay.nonceStr().matches("[0-9A-Za-z]{32}"), pay.nonceStr());
        assertTrue(Math.abs(Long.parseLong(pay.timeStamp()) - Instant.now().getEpochSecond()) < 300);
        assertTrue(merchantSigned(
                "wxd678efh567hg6787\n" + pay.timeStamp() + "\n" + pay.nonceStr() + "\n" + pay.packageValue() + "\n",
                pay.paySign()));
        assertEquals(
                List.of("appId", "timeStamp", "nonceStr", "package", "signType", "paySign"),
                List.copyOf(pay.toMap().keySet()));
        // the codec writes the names wx.requestPayment expects, not snake_case
        assertEquals(pay.toMap(), codec(codec).read(codec(codec).write(pay), Map.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jackson", "gson"})
    void appParametersFromThePrepayAnswer(String codec) throws Exception {
        server.on(
                "POST",
                "/v3/pay/transactions/app",
                FakeResponse.ok("{\"prepay_id\":\"wx2016121517141720a2d4c3d1190390\"}"));
        WechatPay client = client(codec);
        ApiResponse prepay = client.chain("v3/pay/transactions/app").post(Options.json(Map.of("appid", "wxapp")));

        AppPayment pay = client.frontEnd().appPayment("wxapp", prepay);

        assertEquals(keys.mchid(), pay.partnerid());
        assertEquals("wx2016121517141720a2d4c3d1190390", pay.prepayid());
        assertEquals("Sign=WXPay", pay.packageValue());
        assertTrue(merchantSigned(
                "wxapp\n" + pay.timestamp() + "\n" + pay.noncestr() + "\n" + pay.prepayid() + "\n", pay.sign()));
        assertEquals(
                List.of("appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign"),
                List.copyOf(pay.toMap().keySet()));
        assertEquals(pay.toMap(), codec(codec).read(codec(codec).write(pay), Map.class));
        assertEquals(
                "1230000109",
                client.frontEnd().appPayment("wxapp", "1230000109", "wx1").partnerid());
    }

    @Test
    void badInputIsTyped() {
        server.on("POST", "/v3/pay/transactions/jsapi", FakeResponse.ok("{\"code_url\":\"weixin://wxpay/x\"}"));
        WechatPay client = client();
        ApiResponse noPrepayId = client.chain("v3/pay/transactions/jsapi").post(Options.json(Map.of("a", 1)));
        MalformedResponseException e = assertThrows(
                MalformedResponseException.class, () -> client.frontEnd().jsapiPayment("wx1", noPrepayId));
        assertTrue(e.getMessage().contains("prepay_id"), e.getMessage());
        assertThrows(InvalidRequestException.class, () -> client.frontEnd().jsapiPayment("", "wx1"));
        assertThrows(InvalidRequestException.class, () -> client.frontEnd().jsapiPayment("wx1", (String) null));
        assertThrows(InvalidRequestException.class, () -> client.frontEnd().appPayment("wx1", "a\nb"));
        assertThrows(InvalidRequestException.class, () -> client.frontEnd().jsapiPayment("wx1", (ApiResponse) null));
    }
}
