package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's custom transport, passed explicitly and found through ServiceLoader, against the fake WeChat Pay. */
class CustomTransportTest {
    private final FakeWechatPay server = FakeWechatPay.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private void signedCallsSucceed(WechatPay client) throws Exception {
        server.on("POST", "/v3/marketing/partnerships/build", FakeResponse.ok("{\"state\":\"ESTABLISHED\"}"));
        server.on("GET", "/v3/pay/transactions/out-trade-no/T1", FakeResponse.ok("{\"trade_state\":\"SUCCESS\"}"));
        ApiResponse built = client.chain("v3/marketing/partnerships/build")
                .post(Options.rawJson("{\"partner\":{\"type\":\"APPID\",\"appid\":\"wx1\"}}"));
        assertEquals("ESTABLISHED", built.asMap().get("state"));
        ApiResponse queried = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                .getAsync(Options.path("out_trade_no", "T1").withQuery("mchid", "1900000001"))
                .get(60, TimeUnit.SECONDS);
        assertEquals("SUCCESS", queried.asMap().get("trade_state"));
        assertTrue(server.requests().stream().allMatch(r -> r.signatureValid()), "every request verified");
    }

    @Test
    void passedExplicitly() throws Exception {
        try (UrlConnectionTransport mine = new UrlConnectionTransport(TransportOptions.defaults());
                WechatPay client = server.clientBuilder().transport(mine).build()) {
            signedCallsSucceed(client);
        }
    }

    @Test
    void foundThroughServiceLoader() throws Exception {
        String before = System.getProperty("wechatpay.transport");
        System.setProperty("wechatpay.transport", "urlconnection");
        try (WechatPay client = server.clientBuilder().build()) {
            assertTrue(client.toString().contains("transport=urlconnection"), client.toString());
            signedCallsSucceed(client);
        } finally {
            if (before == null) {
                System.clearProperty("wechatpay.transport");
            } else {
                System.setProperty("wechatpay.transport", before);
            }
        }
    }
}
