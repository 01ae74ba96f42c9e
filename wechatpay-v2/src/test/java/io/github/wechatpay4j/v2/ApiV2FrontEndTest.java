package io.github.wechatpay4j.v2;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** APIv2 front-end parameters, checked against the documented string to sign written out by hand. */
class ApiV2FrontEndTest {
    private static final ApiV2Key KEY = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");
    private final ApiV2FrontEnd frontEnd = ApiV2FrontEnd.of(
            KEY,
            Clock.fixed(Instant.ofEpochSecond(1395712654), ZoneOffset.UTC),
            () -> "e61463f8efa94090b1f366cccfbbb444");

    @Test
    void jsapiPaySignIsTheMd5OfItsFiveFieldsInOrder() throws Exception {
        Map<String, String> p = frontEnd.jsapi("wx2421b1c4370ec43b", "u802345jgfjsdfgsdg888", SignType.MD5);
        assertEquals(
                List.of("appId", "timeStamp", "nonceStr", "package", "signType", "paySign"), List.copyOf(p.keySet()));
        String stringSignTemp = "appId=wx2421b1c4370ec43b&nonceStr=e61463f8efa94090b1f366cccfbbb444"
                + "&package=prepay_id=u802345jgfjsdfgsdg888&signType=MD5&timeStamp=1395712654"
                + "&key=192006250b4c09247ec02edce69f6a2d";
        String expected = HexFormat.of()
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("MD5").digest(stringSignTemp.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, p.get("paySign"));
    }

    @Test
    void appSignCoversTheSixPayReqFields() throws Exception {
        Map<String, String> p = frontEnd.app("wx2421b1c4370ec43b", "10000100", "wx2014", SignType.HMAC_SHA256);
        String stringSignTemp = "appid=wx2421b1c4370ec43b&noncestr=e61463f8efa94090b1f366cccfbbb444"
                + "&package=Sign=WXPay&partnerid=10000100&prepayid=wx2014&timestamp=1395712654"
                + "&key=192006250b4c09247ec02edce69f6a2d";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                "192006250b4c09247ec02edce69f6a2d".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        assertEquals(
                HexFormat.of().withUpperCase().formatHex(mac.doFinal(stringSignTemp.getBytes(StandardCharsets.UTF_8))),
                p.get("sign"));
    }
}
