package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actuator side in a real application on an embedded server, read over HTTP as an operator reads it: the health
 * of each merchant ({@code /actuator/health/wechatpay/…}) with its keys, certificate expiry and last certificate
 * download, and the calls as a Micrometer timer with low-cardinality tags.
 */
class ObservabilityTest {
    /** Verifies with the WeChat Pay public key. */
    private static final TestKeys SHOP = TestKeys.generate("1900000201");
    /** Downloads platform certificates. */
    private static final TestKeys MALL = TestKeys.generate("1900000202");

    private static FakeWechatPay shopFake;
    private static FakeWechatPay mallFake;
    private static ConfigurableApplicationContext app;
    private static URI base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @BeforeAll
    static void start() {
        shopFake = FakeWechatPay.start(SHOP, FakeWechatPay.Mode.PUBLIC_KEY);
        mallFake = FakeWechatPay.start(MALL, FakeWechatPay.Mode.CERTIFICATE);
        String m = "--wechatpay.merchants.mall.";
        app = TestApps.start(
                App.class,
                WebApplicationType.SERVLET,
                "--management.endpoints.web.exposure.include=health,metrics",
                "--management.endpoint.health.show-details=always",
                TestApps.merchant("shop", SHOP, shopFake),
                "--wechatpay.merchants.shop.max-attempts=1",
                m + "merchant-id=" + MALL.mchid(),
                m + "merchant-serial-number=" + MALL.merchantSerial(),
                m + "private-key=" + MALL.merchantPrivateKeyPem(),
                m + "auto-certificates=true",
                m + "api-v3-key=" + MALL.apiV3Key(),
                m + "base-url=" + mallFake.baseUrl());
        base = TestApps.base(app);
    }

    @AfterAll
    static void stop() throws Exception {
        TestApps.close(app, shopFake, mallFake);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachMerchantHasItsHealthWithKeysAndCertificateDownloadAndNoSecret() throws Exception {
        HttpResponse<String> all = get("/actuator/health");
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(all.body().contains("\"wechatpay\""), all.body());

        HttpResponse<String> shop = get("/actuator/health/wechatpay/shop");
        assertEquals(200, shop.statusCode(), shop.body());
        String body = shop.body();
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(body.contains("\"merchantId\":\"" + SHOP.mchid() + "\""), body);
        assertTrue(body.contains("\"id\":\"" + SHOP.publicKeyId() + "\""), body);
        assertTrue(body.contains("\"type\":\"public key\""), body);
        assertTrue(body.contains("\"apiV3Key\":\"configured\""), body);
        assertFalse(body.contains("certificateRefresh"), "a public-key merchant downloads nothing: " + body);
        assertFalse(body.contains(SHOP.apiV3Key()), "no APIv3 key in the health JSON");

        String mall = get("/actuator/health/wechatpay/mall").body();
        assertTrue(mall.contains("\"status\":\"UP\""), mall);
        assertTrue(mall.contains("\"type\":\"platform certificate\""), mall);
        assertTrue(mall.contains("\"id\":\"" + MALL.platformSerial() + "\""), mall);
        assertTrue(mall.contains("\"certificateExpiry\""), mall);
        assertTrue(mall.contains("\"certificateRefresh\""), mall);
        assertFalse(mall.contains("\"lastSuccess\":\"never\""), "downloaded at start: " + mall);
    }

    @Test
    void aFailedCertificateDownloadIsAWarningWhileTheLastGoodKeysVerify() throws Exception {
        WechatPay mall = app.getBean(WechatPayClients.class).get("mall");
        mallFake.fault(FakeWechatPay.Fault.CERTIFICATES_BAD_TAG);
        try {
            assertThrows(WechatPayException.class, mall::refreshPlatformCertificates);
            String body = get("/actuator/health/wechatpay/mall").body();
            assertTrue(body.contains("\"status\":\"UP\""), body);
            assertTrue(body.contains("\"lastFailureMessage\""), body);
            assertTrue(body.contains("the last platform certificate download failed"), body);
        } finally {
            mallFake.clearFaults();
        }
        mall.refreshPlatformCertificates();
        assertFalse(get("/actuator/health/wechatpay/mall").body().contains("\"warning\""));
    }

    @Test
    void aMerchantWhoseCertificatesHaveAllExpiredIsDown() {
        WechatPay mall = app.getBean(WechatPayClients.class).get("mall");
        Instant later = Instant.now().plus(Duration.ofDays(20 * 366));
        MerchantHealth health = MerchantHealth.of(mall, Clock.fixed(later, ZoneOffset.UTC));
        assertFalse(health.up());
        assertTrue(String.valueOf(health.details().get("error")).contains("no key can verify"), health::toString);

        Instant soon = mall.status().earliestCertificateExpiry().orElseThrow().minus(Duration.ofDays(1));
        MerchantHealth expiring = MerchantHealth.of(mall, Clock.fixed(soon, ZoneOffset.UTC));
        assertTrue(expiring.up());
        assertTrue(String.valueOf(expiring.details().get("warning")).contains("expires"), expiring::toString);
    }

    @Test
    void callsAreTimedWithLowCardinalityTags() throws Exception {
        WechatPay shop = app.getBean(WechatPayClients.class).get("shop");
        assertThrows(
                ServiceException.class,
                () -> shop.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                        .get(Options.path("out_trade_no", "OBS-ORDER-404").withQuery("mchid", SHOP.mchid())));

        HttpResponse<String> metric = get("/actuator/metrics/" + MicrometerCallObserver.NAME);
        assertEquals(200, metric.statusCode(), metric.body());
        String body = metric.body();
        for (String tag : new String[] {"merchant", "method", "operation", "outcome", "status", "error"}) {
            assertTrue(body.contains("\"tag\":\"" + tag + "\""), tag + " in " + body);
        }
        assertTrue(body.contains("/v3/pay/transactions/out-trade-no/{out_trade_no}"), body);
        assertFalse(body.contains("OBS-ORDER-404"), "no order ID in a tag: " + body);
        assertFalse(body.contains(SHOP.mchid()), "no merchant ID in a tag: " + body);

        Map<String, String> selected = Map.of(
                "merchant", "shop",
                "outcome", "CLIENT_ERROR",
                "status", "404",
                "error", "ServiceException");
        StringBuilder query = new StringBuilder();
        selected.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&")
                .append("tag=")
                .append(k)
                .append(':')
                .append(v));
        HttpResponse<String> failed = get("/actuator/metrics/" + MicrometerCallObserver.NAME + query);
        assertEquals(200, failed.statusCode(), failed.body());
        assertTrue(failed.body().contains("\"statistic\":\"COUNT\",\"value\":1.0"), failed.body());
    }
}
