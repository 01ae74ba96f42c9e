package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.InvalidRequestException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The front-end payment parameters of merchants still ordering through APIv2: {@code wx.requestPayment} (JSAPI,
 * mini-program) and the App SDK's {@code PayReq}, signed with the APIv2 key (MD5 or HMAC-SHA256; the App's is always
 * MD5-style {@code sign}, per the App SDK's documentation, in the algorithm the order used). Thread-safe.
 */
public final class ApiV2FrontEnd {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final ApiV2Key key;
    private final Clock clock;
    private final Supplier<String> nonces;

    private ApiV2FrontEnd(ApiV2Key key, Clock clock, Supplier<String> nonces) {
        this.key = key;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** With the system clock and 32-character random nonces. */
    public static ApiV2FrontEnd of(ApiV2Key key) {
        SecureRandom random = new SecureRandom();
        return new ApiV2FrontEnd(key, Clock.systemUTC(), () -> {
            StringBuilder s = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return s.toString();
        });
    }

    /** With a given clock and nonce source (tests). */
    public static ApiV2FrontEnd of(ApiV2Key key, Clock clock, Supplier<String> nonces) {
        return new ApiV2FrontEnd(key, clock, nonces);
    }

    /**
     * The {@code wx.requestPayment} parameters for {@code prepayId}: {@code appId}, {@code timeStamp},
     * {@code nonceStr}, {@code package}, {@code signType} and {@code paySign}, in that order.
     */
    public Map<String, String> jsapi(String appId, String prepayId, SignType signType) {
        require(appId, "appId");
        require(prepayId, "prepay_id");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("appId", appId);
        p.put("timeStamp", String.valueOf(clock.instant().getEpochSecond()));
        p.put("nonceStr", nonces.get());
        p.put("package", "prepay_id=" + prepayId);
        p.put("signType", signType.wireName());
        p.put("paySign", ApiV2Signatures.sign(p, signType, key));
        return p;
    }

    /**
     * The App SDK's {@code PayReq}: the fields app ID, partner ID (the merchant), prepay ID, {@code package}
     * ({@code Sign=WXPay}), {@code noncestr}, {@code timestamp} and {@code sign}, named as the App SDK names them.
     */
    public Map<String, String> app(String appId, String mchid, String prepayId, SignType signType) {
        require(appId, "appid");
        require(mchid, "partnerid");
        require(prepayId, "prepayid");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("appid", appId);
        p.put("partnerid", mchid);
        p.put("prepayid", prepayId);
        p.put("package", "Sign=WXPay");
        p.put("noncestr", nonces.get());
        p.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        p.put("sign", ApiV2Signatures.sign(p, signType, key));
        return p;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name + " is required for the front-end payment parameters");
        }
    }
}
