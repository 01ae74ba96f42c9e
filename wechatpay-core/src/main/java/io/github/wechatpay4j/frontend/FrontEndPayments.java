package io.github.wechatpay4j.frontend;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.MalformedResponseException;
import io.github.wechatpay4j.crypto.RsaSigner;
import io.github.wechatpay4j.crypto.Signer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Signs the parameters a front end needs to start paying for a prepay order: {@code wx.requestPayment} (JSAPI,
 * mini-program) and the App SDK's {@code PayReq}. Reached as {@code client.frontEnd()}, which signs with the merchant's
 * signer, or made with {@link #of} where only the signing happens (a service that never calls WeChat Pay):
 *
 * <pre>{@code
 * ApiResponse prepay = client.chain("v3/pay/transactions/jsapi").post(Options.json(order));
 * JsapiPayment pay = client.frontEnd().jsapiPayment("wxd678efh567hg6787", prepay);
 * return pay.toMap(); // to wx.requestPayment as it is
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class FrontEndPayments {
    private final String merchantId;
    private final Signer signer;
    private final Clock clock;
    private final Supplier<String> nonces;

    private FrontEndPayments(String merchantId, Signer signer, Clock clock, Supplier<String> nonces) {
        this.merchantId = merchantId;
        this.signer = signer;
        this.clock = clock;
        this.nonces = nonces;
    }

    /**
     * Front-end signing for merchant {@code merchantId} with {@code signer} (the merchant API key's), {@code clock}
     * for the timestamps and {@code nonces} for {@code nonceStr} (32 characters of {@code [0-9A-Za-z]}).
     */
    public static FrontEndPayments of(String merchantId, Signer signer, Clock clock, Supplier<String> nonces) {
        if (signer == null || clock == null || nonces == null) {
            throw new InvalidRequestException("front-end signing needs a signer, a clock and a nonce supplier");
        }
        return new FrontEndPayments(requireText(merchantId, "merchantId"), signer, clock, nonces);
    }

    /**
     * Signs the {@code wx.requestPayment} parameters for a JSAPI or mini-program order.
     *
     * @param appId    the AppID the order was placed for ({@code sub_appid} when the payer uses the sub-merchant's)
     * @param prepayId the {@code prepay_id} from {@code POST /v3/pay/transactions/jsapi}
     */
    public JsapiPayment jsapiPayment(String appId, String prepayId) {
        requireText(appId, "appId");
        String packageValue = "prepay_id=" + requireText(prepayId, "prepayId");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonces.get();
        return new JsapiPayment(
                appId, timestamp, nonce, packageValue, "RSA", sign(appId, timestamp, nonce, packageValue));
    }

    /** {@link #jsapiPayment(String, String)} from the verified answer of the prepay call ({@code prepay_id}). */
    public JsapiPayment jsapiPayment(String appId, ApiResponse prepayResponse) {
        return jsapiPayment(appId, prepayId(prepayResponse));
    }

    /** {@link #jsapiPayment(String, String)} from a typed prepay answer ({@code Jsapi.PostResponse} and the like). */
    public JsapiPayment jsapiPayment(String appId, PrepayAnswer prepayAnswer) {
        return jsapiPayment(appId, prepayId(prepayAnswer));
    }

    /**
     * Signs the App SDK's {@code PayReq} parameters; {@code partnerid} is the merchant ID.
     *
     * @param appId    the mobile application's AppID
     * @param prepayId the {@code prepay_id} from {@code POST /v3/pay/transactions/app}
     */
    public AppPayment appPayment(String appId, String prepayId) {
        return appPayment(appId, merchantId, prepayId);
    }

    /** As {@link #appPayment(String, String)} with a partner ID of your own (a service provider's sub-merchant). */
    public AppPayment appPayment(String appId, String partnerId, String prepayId) {
        requireText(appId, "appId");
        requireText(partnerId, "partnerId");
        requireText(prepayId, "prepayId");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonces.get();
        return new AppPayment(
                appId, partnerId, prepayId, "Sign=WXPay", nonce, timestamp, sign(appId, timestamp, nonce, prepayId));
    }

    /** {@link #appPayment(String, String)} from the verified answer of the prepay call ({@code prepay_id}). */
    public AppPayment appPayment(String appId, ApiResponse prepayResponse) {
        return appPayment(appId, prepayId(prepayResponse));
    }

    /** {@link #appPayment(String, String)} from a typed prepay answer ({@code App.PostResponse}). */
    public AppPayment appPayment(String appId, PrepayAnswer prepayAnswer) {
        return appPayment(appId, prepayId(prepayAnswer));
    }

    private static String prepayId(PrepayAnswer answer) {
        if (answer == null) {
            throw new InvalidRequestException("the prepay answer must not be null");
        }
        return answer.prepayId();
    }

    private static String prepayId(ApiResponse response) {
        if (response == null) {
            throw new InvalidRequestException("the prepay response must not be null");
        }
        Object id = response.asMap().get("prepay_id");
        if (!(id instanceof String s) || s.isEmpty()) {
            throw new MalformedResponseException(
                    "the prepay answer has no \"prepay_id\"; pass the answer of POST"
                            + " /v3/pay/transactions/jsapi (or /app)",
                    response.statusCode(),
                    response.requestId().orElse(null),
                    null);
        }
        return s;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0) {
            throw new InvalidRequestException(name + " must be non-empty text on one line");
        }
        return value;
    }

    /** The signature over four lines, each ending in {@code \n}. */
    private String sign(String... lines) {
        if (!RsaSigner.ALGORITHM.equals(signer.algorithm())) {
            throw new ConfigurationException("front-end payment parameters are signed with signType RSA, and this"
                    + " merchant signs " + signer.algorithm() + ": sign them with the merchant's RSA key,"
                    + " FrontEndPayments.of(mchid, new RsaSigner(key), clock, nonces)");
        }
        return signer.sign((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "FrontEndPayments[mchid=" + merchantId + "]";
    }
}
