package io.github.wechatpay4j.benchmarks;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.Base64;

/** The typical payloads every benchmark uses: a JSAPI prepay request and a paid transaction (the query answer). */
final class Payloads {
    private Payloads() {}

    /** The queried order: a paid transaction, looked up by its {@code out_trade_no}. */
    static final String OUT_TRADE_NO = "1217752501201407033233368018";

    static final String PATH = "/v3/pay/transactions/out-trade-no/" + OUT_TRADE_NO;

    static final String PREPAY_REQUEST_JSON = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\","
            + "\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"out_trade_no\":\"1217752501201407033233368018\","
            + "\"time_expire\":\"2026-06-08T10:34:56+08:00\",\"attach\":\"自定义数据说明\","
            + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\",\"goods_tag\":\"WXG\","
            + "\"amount\":{\"total\":100,\"currency\":\"CNY\"},\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}}";

    static final String TRANSACTION_JSON = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\","
            + "\"out_trade_no\":\"1217752501201407033233368018\",\"transaction_id\":\"4200000001202611247794981869\","
            + "\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
            + "\"bank_type\":\"CMC\",\"attach\":\"自定义数据说明\",\"success_time\":\"2026-11-24T10:34:56+08:00\","
            + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},\"amount\":{\"total\":100,"
            + "\"payer_total\":100,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"},"
            + "\"scene_info\":{\"device_id\":\"013467007045764\"},\"promotion_detail\":[]}";

    record Amount(long total, String currency) {}

    record Payer(String openid) {}

    record PrepayRequest(
            String appid,
            String mchid,
            String description,
            String outTradeNo,
            OffsetDateTime timeExpire,
            String attach,
            String notifyUrl,
            String goodsTag,
            Amount amount,
            Payer payer) {}

    record PaidAmount(long total, long payerTotal, String currency, String payerCurrency) {}

    record Transaction(
            String appid,
            String mchid,
            String outTradeNo,
            String transactionId,
            String tradeType,
            String tradeState,
            String tradeStateDesc,
            String bankType,
            String attach,
            OffsetDateTime successTime,
            Payer payer,
            PaidAmount amount) {}

    static PrepayRequest prepayRequest() {
        return new PrepayRequest(
                "wxd678efh567hg6787",
                "1900000001",
                "Image形象店-深圳腾大-QQ公仔",
                "1217752501201407033233368018",
                OffsetDateTime.parse("2026-06-08T10:34:56+08:00"),
                "自定义数据说明",
                "https://www.weixin.qq.com/wxpay/pay.php",
                "WXG",
                new Amount(100, "CNY"),
                new Payer("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    }

    /** AEAD_AES_256_GCM as WeChat Pay encrypts notification resources: Base64(ciphertext || tag). */
    static String aesGcm(String apiV3Key, String associatedData, String nonce, byte[] plaintext) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            gcm.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(gcm.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
