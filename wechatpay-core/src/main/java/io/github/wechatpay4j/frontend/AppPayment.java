package io.github.wechatpay4j.frontend;

import io.github.wechatpay4j.json.JsonName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of the App SDK's {@code PayReq}, signed by the merchant: {@code sign} is SHA256withRSA over
 * {@code appid\ntimestamp\nnoncestr\nprepayid\n}.
 *
 * @param appid        the mobile application's AppID
 * @param partnerid    the merchant ID (the sub-merchant's for service providers)
 * @param prepayid     the {@code prepay_id} of the App order
 * @param packageValue always {@code Sign=WXPay} (JSON name {@code package})
 * @param noncestr     32 characters of {@code [0-9A-Za-z]}
 * @param timestamp    unix seconds, as a string
 * @param sign         the Base64 signature
 */
public record AppPayment(
        String appid,
        String partnerid,
        String prepayid,
        @JsonName("package") String packageValue,
        String noncestr,
        String timestamp,
        String sign) {

    /** The exact names the App SDK takes, in order. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("appid", appid);
        m.put("partnerid", partnerid);
        m.put("prepayid", prepayid);
        m.put("package", packageValue);
        m.put("noncestr", noncestr);
        m.put("timestamp", timestamp);
        m.put("sign", sign);
        return m;
    }
}
