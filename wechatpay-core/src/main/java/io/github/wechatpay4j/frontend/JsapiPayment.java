package io.github.wechatpay4j.frontend;

import io.github.wechatpay4j.json.JsonName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of {@code wx.requestPayment} (JSAPI, mini-program) / {@code WeixinJSBridge getBrandWCPayRequest},
 * signed by the merchant: {@code paySign} is SHA256withRSA over {@code appId\ntimeStamp\nnonceStr\npackage\n}. Hand
 * {@link #toMap()} (or this record through the client's JSON codec) to the front end as it is.
 *
 * @param appId        the AppID the prepay order was created for
 * @param timeStamp    unix seconds, as a string
 * @param nonceStr     32 characters of {@code [0-9A-Za-z]}
 * @param packageValue {@code prepay_id=…} (JSON name {@code package})
 * @param signType     {@code RSA}
 * @param paySign      the Base64 signature
 */
public record JsapiPayment(
        @JsonName("appId") String appId,
        @JsonName("timeStamp") String timeStamp,
        @JsonName("nonceStr") String nonceStr,
        @JsonName("package") String packageValue,
        @JsonName("signType") String signType,
        @JsonName("paySign") String paySign) {

    /** The exact names {@code wx.requestPayment} takes, in order. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("appId", appId);
        m.put("timeStamp", timeStamp);
        m.put("nonceStr", nonceStr);
        m.put("package", packageValue);
        m.put("signType", signType);
        m.put("paySign", paySign);
        return m;
    }
}
