package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.TransportException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same signed flows against the fake WeChat Pay through each transport: identical outcomes. */
class EveryTransportTest extends FakeServerTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void signedCallsFaultsAndConcurrencyBehaveAlike(String name) throws Exception {
        server.on("POST", "/v3/marketing/partnerships/build", FakeResponse.ok("{\"state\":\"ESTABLISHED\"}"));
        server.on("GET", "/v3/pay/transactions/out-trade-no/T1", FakeResponse.ok("{\"trade_state\":\"SUCCESS\"}"));
        server.on("PATCH", "/v3/x/patch", FakeResponse.noContent());
        try (HttpTransport t = Transports.create(
                        name, TransportOptions.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800)));
                WechatPay client = server.clientBuilder().transport(t).build()) {
            assertEquals(
                    "ESTABLISHED",
                    client.chain("v3/marketing/partnerships/build")
                            .post(Options.rawJson("{\"partner\":{\"type\":\"APPID\",\"appid\":\"wx1\"}}"))
                            .asMap()
                            .get("state"));
            ApiResponse queried = client.chain("v3/pay/transactions/out-trade-no/{no}")
                    .get(Options.path("no", "T1")
                            .withQuery("mchid", "1900000001")
                            .withQuery("attach", "微信 a+b/c"));
            assertEquals("SUCCESS", queried.asMap().get("trade_state"));
            assertEquals(
                    204,
                    client.chain("v3/x/patch")
                            .patch(Options.rawJson("{\"a\":1}"))
                            .statusCode());

            List<CompletableFuture<ApiResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(client.chain("v3/marketing/partnerships/build")
                        .postAsync(Options.rawJson("{\"i\":" + i + "}")));
            }
            for (CompletableFuture<ApiResponse> f : futures) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode());
            }
            assertTrue(server.requests().stream().allMatch(r -> r.signatureValid()), "every request verified");

            server.fault(FakeWechatPay.Fault.TAMPER_BODY);
            assertThrows(
                    SignatureVerificationException.class,
                    () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(Options.path("no", "T1")));
            server.clearFaults();
            server.slowReply(Duration.ofSeconds(3)).fault(FakeWechatPay.Fault.SLOW_REPLY);
            TransportException timeout = assertThrows(
                    TransportException.class,
                    () -> client.chain("v3/pay/transactions/out-trade-no/{no}").get(Options.path("no", "T1")));
            assertTrue(timeout.isTimeout(), timeout.getMessage());
        }
    }
}
