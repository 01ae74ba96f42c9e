package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.DecryptionException;
import io.github.wechatpay4j.MalformedNotificationException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.notification.DeliveryTracker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** APIv2 payment and refund notifications: verified, decrypted, for this merchant, once, answered in XML. */
class ApiV2NotificationsTest {
    private static final ApiV2Key KEY = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");
    private static final String MCHID = "10000100";

    /**
     * The decrypted req_info of wechatpay-apiv3/wechatpay-php tests/fixtures/refund.notification.req_info.sample.xml.
     */
    private static final String REQ_INFO = "<root>\n"
            + "<out_refund_no><![CDATA[131811191610442717309]]></out_refund_no>\n"
            + "<out_trade_no><![CDATA[71106718111915575302817]]></out_trade_no>\n"
            + "<refund_account><![CDATA[REFUND_SOURCE_RECHARGE_FUNDS]]></refund_account>\n"
            + "<refund_fee><![CDATA[3960]]></refund_fee>\n"
            + "<refund_id><![CDATA[50000408942018111907145868882]]></refund_id>\n"
            + "<refund_recv_accout><![CDATA[支付用户零钱]]></refund_recv_accout>\n"
            + "<refund_request_source><![CDATA[API]]></refund_request_source>\n"
            + "<refund_status><![CDATA[SUCCESS]]></refund_status>\n"
            + "<settlement_refund_fee><![CDATA[3960]]></settlement_refund_fee>\n"
            + "<settlement_total_fee><![CDATA[3960]]></settlement_total_fee>\n"
            + "<success_time><![CDATA[2018-11-19 16:24:13]]></success_time>\n"
            + "<total_fee><![CDATA[3960]]></total_fee>\n"
            + "<transaction_id><![CDATA[4200000215201811190261405420]]></transaction_id>\n"
            + "</root>";

    private final ApiV2Notifications md5 = ApiV2Notifications.of(MCHID, KEY, SignType.MD5);

    private static Map<String, String> paymentFields(String transactionId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", "wx2421b1c4370ec43b");
        f.put("mch_id", MCHID);
        f.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
        f.put("openid", "oUpF8uMEb4qRXf22hE3X68TekukE");
        f.put("out_trade_no", "1409811653");
        f.put("result_code", "SUCCESS");
        f.put("return_code", "SUCCESS");
        f.put("time_end", "20140903131540");
        f.put("total_fee", "1");
        f.put("coupon_fee_0", "10");
        f.put("trade_type", "JSAPI");
        f.put("transaction_id", transactionId);
        return f;
    }

    private static byte[] signed(Map<String, String> fields, SignType type) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("sign", ApiV2Signatures.sign(f, type, KEY));
        return ApiV2Xml.write(f);
    }

    private static byte[] refund(ApiV2Key key, String mchid) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("return_code", "SUCCESS");
        f.put("appid", "wx2421b1c4370ec43b");
        f.put("mch_id", mchid);
        f.put("nonce_str", "TeqClE3i0mvn3DrK");
        f.put("req_info", AesEcb.encryptReqInfo(REQ_INFO.getBytes(StandardCharsets.UTF_8), key));
        return ApiV2Xml.write(f);
    }

    @Test
    void aPaymentNotificationIsVerifiedAndTyped() {
        ApiV2PaymentNotification n = assertInstanceOf(
                ApiV2PaymentNotification.class,
                md5.parse(signed(paymentFields("1004400740201409030005092168"), SignType.MD5)));
        assertEquals("1409811653", n.outTradeNo());
        assertEquals(1, n.totalFee());
        assertEquals("10", n.fields().get("coupon_fee_0"));
        assertTrue(n.isSuccess());
        assertEquals("v2-payment-1004400740201409030005092168", n.id());
    }

    @Test
    void aTamperedOrDowngradedPaymentNotificationIsRefused() {
        byte[] good = signed(paymentFields("T1"), SignType.MD5);
        byte[] tampered = new String(good, StandardCharsets.UTF_8)
                .replace("<total_fee>1</total_fee>", "<total_fee>100</total_fee>")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(SignatureVerificationException.class, () -> md5.parse(tampered));

        ApiV2Notifications hmac = ApiV2Notifications.of(MCHID, KEY, SignType.HMAC_SHA256);
        Map<String, String> downgraded = paymentFields("T2");
        downgraded.put("sign_type", "MD5");
        SignatureVerificationException e =
                assertThrows(SignatureVerificationException.class, () -> hmac.parse(signed(downgraded, SignType.MD5)));
        assertTrue(e.getMessage().contains("weaker"), e.getMessage());
        assertInstanceOf(ApiV2PaymentNotification.class, hmac.parse(signed(paymentFields("T3"), SignType.HMAC_SHA256)));
    }

    @Test
    void aRefundNotificationsReqInfoIsDecryptedAndTyped() {
        ApiV2RefundNotification n = assertInstanceOf(ApiV2RefundNotification.class, md5.parse(refund(KEY, MCHID)));
        assertEquals("131811191610442717309", n.outRefundNo());
        assertEquals("50000408942018111907145868882", n.refundId());
        assertEquals(3960, n.refundFee());
        assertEquals("支付用户零钱", n.fields().get("refund_recv_accout"));
        assertTrue(n.isSuccess());
        assertFalse(n.toString().contains("REFUND_SOURCE"), "toString names the refund, not every field");
    }

    @Test
    void anotherMerchantsOrAnotherKeysNotificationIsRefused() {
        assertThrows(MalformedNotificationException.class, () -> md5.parse(refund(KEY, "10000999")));
        Map<String, String> notAnAmount = paymentFields("T-AMOUNT");
        notAnAmount.put("total_fee", "1.00");
        assertThrows(MalformedNotificationException.class, () -> md5.parse(signed(notAnAmount, SignType.MD5)));
        assertThrows(
                DecryptionException.class,
                () -> md5.parse(refund(ApiV2Key.of("0123456789abcdef0123456789abcdef"), MCHID)));
        assertThrows(
                MalformedNotificationException.class,
                () -> md5.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><a>&e;</a></xml>"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNotificationIsHandledOnceAndAFailedHandlerGetsItAgain() {
        ApiV2Notifications tracked = md5.withDeliveryTracker(DeliveryTracker.inMemory(100));
        byte[] body = signed(paymentFields("T-ONCE"), SignType.MD5);
        List<String> handled = new ArrayList<>();

        ApiV2Reply failed = tracked.handle(body, n -> {
            throw new IllegalStateException("database down");
        });
        assertEquals(500, failed.status());
        assertTrue(failed.body().contains("<return_code><![CDATA[FAIL]]></return_code>"), failed.body());
        assertFalse(failed.body().contains("database"), "the reason stays in the log");

        ApiV2Reply ok = tracked.handle(body, n -> handled.add(n.id()));
        ApiV2Reply again = tracked.handle(body, n -> handled.add(n.id()));
        assertEquals(ApiV2Reply.success(), ok);
        assertEquals(
                "<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>",
                ok.body());
        assertEquals(ApiV2Reply.success(), again);
        assertEquals(List.of("v2-payment-T-ONCE"), handled);

        assertEquals(
                401,
                tracked.handle(signed(paymentFields("T-X"), SignType.HMAC_SHA256), n -> {})
                        .status());
    }
}
