package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's many-merchants platform against three fakes, one per merchant (each with its own keys): every
 * merchant's calls are signed with its own key and reach its own fake, through the one shared transport.
 */
class ManyMerchantsTest {
    private static final String PATH = "/v3/pay/transactions/out-trade-no/M1";
    private final Map<String, FakeWechatPay> fakes = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        for (int i = 1; i <= 3; i++) {
            FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate("190000000" + i), FakeWechatPay.Mode.PUBLIC_KEY);
            fake.on("GET", PATH, FakeResponse.ok("{\"out_trade_no\":\"M1\",\"trade_state\":\"SUCCESS\"}"));
            fakes.put(fake.keys().mchid(), fake);
        }
    }

    @AfterEach
    void stop() {
        fakes.values().forEach(FakeWechatPay::close);
    }

    private static ApiResponse query(WechatPay client) {
        return client.chain("v3/pay/transactions/out-trade-no/{no}")
                .getAsync(Options.path("no", "M1").withQuery("mchid", client.merchantId()))
                .join();
    }

    @Test
    void eachMerchantCallsAsItselfThroughTheSharedResources() {
        try (ManyMerchants platform = new ManyMerchants(id -> fakes.get(id).clientBuilder())) {
            for (String id : fakes.keySet()) {
                WechatPay client = platform.client(id);
                assertSame(client, platform.client(id), "built once, then kept");
                assertEquals(id, client.merchantId());
                assertTrue(query(client).bodyAsString().contains("SUCCESS"));
                assertEquals(1, fakes.get(id).requests().size(), "the call reached " + id + "'s own fake");
                assertEquals(id, fakes.get(id).requests().get(0).authorization().get("mchid"));
                assertEquals(null, fakes.get(id).requests().get(0).signatureError(), "signed with " + id + "'s key");
            }
            WechatPay before = platform.client("1900000002");
            platform.forget("1900000002");
            WechatPay after = platform.client("1900000002");
            assertNotSame(before, after);
            assertTrue(query(after).bodyAsString().contains("SUCCESS"), "a rebuilt client calls as before");
            assertTrue(!platform.resources().isClosed());
            platform.close();
            assertTrue(platform.resources().isClosed(), "closing the platform closes the shared resources once");
        }
    }
}
