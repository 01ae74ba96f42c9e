package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, item 3: an operation WeChat Pay serves on another host goes there; each such host can be replaced on
 * the builder. Two fakes with the same merchant stand for the API host and {@code apihk.mch.weixin.qq.com}.
 */
class HostsTest extends FakeServerTestBase {

    @Test
    void aPinnedOperationGoesToItsHostAndEverythingElseToTheBaseUrl() throws Exception {
        try (FakeWechatPay hk = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)) {
            hk.on(
                    "GET",
                    "/v3/global/certificates",
                    request -> io.github.wechatpay4j.testkit.FakeResponse.ok("{\"data\":[]}"));
            WechatPay client = track(WechatPay.builder()
                    .merchantId(keys.mchid())
                    .merchantSerialNumber(keys.merchantSerial())
                    .privateKey(keys.merchantKeys().getPrivate())
                    .wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                    .baseUrl(server.baseUrl())
                    .host("https://apihk.mch.weixin.qq.com", hk.baseUrl())
                    .build());
            assertEquals(hk.baseUrl(), client.baseUrlFor("/v3/global/certificates"));
            assertEquals(server.baseUrl(), client.baseUrlFor("/v3/pay/transactions/native"));

            server.clearRequests();
            assertEquals(200, client.chain("v3/global/certificates").get().statusCode());
            assertEquals(1, hk.requests().size(), "the pinned operation went to its host");
            assertTrue(hk.lastRequest().signatureValid());
            assertTrue(server.requests().isEmpty(), "and not to the API host");

            client.chain("v3/merchant-service/complaint-notifications")
                    .getAsync()
                    .exceptionally(e -> null)
                    .join();
            assertEquals(1, server.requests().size(), "other operations follow baseUrl, async included");
        }
    }

    @Test
    void withoutAReplacementThePinnedHostIsWechatPays() {
        WechatPay client = track(WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(keys.merchantKeys().getPrivate())
                .wechatpayPublicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                .build());
        assertEquals("https://apihk.mch.weixin.qq.com", client.baseUrlFor("v3/global/certificates"));
        assertEquals("https://fraud.mch.weixin.qq.com", client.baseUrlFor("/risk/getpublickey"));
        assertEquals(WechatPay.DEFAULT_BASE_URL, client.baseUrlFor("/v3/global/transactions/native"));
    }

    @Test
    void onlyAPinnedHostCanBeReplaced() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> WechatPay.builder().host("https://api.mch.weixin.qq.com", "http://127.0.0.1:1"));
        assertTrue(e.getMessage().contains("apihk.mch.weixin.qq.com"), e.getMessage());
    }
}
