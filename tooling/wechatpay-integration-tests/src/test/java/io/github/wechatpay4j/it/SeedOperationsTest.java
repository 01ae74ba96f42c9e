package io.github.wechatpay4j.it;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Chain;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.marketing.partnerships.Build;
import io.github.wechatpay4j.api.v3.payroll_card.Tokens;
import io.github.wechatpay4j.api.v3.payscore.partner.Permissions;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three seed operations, each through the fake server with both JSON codecs, in three styles (the generated typed
 * chain; the untyped chain by one path string; segment by segment) with the generated records, sync and async. The
 * server checks every request field; the client checks every response field.
 */
class SeedOperationsTest extends FakeServerTestBase {

    static Stream<Arguments> styles() {
        List<Arguments> all = new ArrayList<>();
        for (String codec : List.of("jackson", "gson")) {
            for (String segments : List.of("typed", "path", "segments")) {
                for (boolean async : new boolean[] {false, true}) {
                    all.add(Arguments.of(codec, segments, async));
                }
            }
        }
        return all.stream();
    }

    /** {@code chain("a/b/c")} or {@code chain("a").chain("b").chain("c")}. */
    private static Chain chain(WechatPay client, String path, String style) {
        if (!style.equals("segments")) {
            return client.chain(path);
        }
        String[] parts = path.split("/");
        Chain c = client.chain(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            c = c.chain(parts[i]);
        }
        return c;
    }

    private static ApiResponse post(Chain chain, Options options, boolean async) {
        return async ? chain.postAsync(options).join() : chain.post(options);
    }

    private static void assertSignedPost(RecordedRequest r, String path) {
        assertEquals("POST", r.method());
        assertEquals(path, r.rawPath());
        assertNull(r.rawQuery());
        assertTrue(r.signatureValid(), r.signatureError());
        assertEquals(keys.mchid(), r.authorization().get("mchid"));
        assertEquals(keys.merchantSerial(), r.authorization().get("serial_no"));
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
        assertEquals("application/json", r.header("Accept").orElseThrow());
        assertTrue(
                r.header("User-Agent").orElseThrow().startsWith("wechatpay4j/"),
                r.header("User-Agent").orElse(""));
    }

    @ParameterizedTest(name = "{0}, style={1}, async={2}")
    @MethodSource("styles")
    void partnershipsBuild(String codec, String style, boolean async) {
        server.on(
                "POST",
                "/v3/marketing/partnerships/build",
                FakeResponse.ok("{\"partner\":{\"type\":\"APPID\","
                        + "\"appid\":\"wx4e1916a585d1f4e9\",\"merchant_id\":\"2480029552\"},\"authorized_data\":{"
                        + "\"business_type\":\"FAVOR_STOCK\",\"stock_id\":\"2433405\"},\"state\":\"ESTABLISHED\","
                        + "\"build_time\":\"2026-11-23T10:15:30+08:00\",\"create_time\":\"2026-11-23T10:15:31+08:00\","
                        + "\"update_time\":\"2026-11-23T10:15:32+08:00\",\"field_added_later\":1}"));
        WechatPay client = client(codec);
        Build.PostRequest request = new Build.PostRequest(
                new Build.PostRequest.Partner(Build.PostRequest.Type.APPID, "wx4e1916a585d1f4e9", "2480029552"),
                new Build.PostRequest.AuthorizedData(Build.PostRequest.BusinessType.FAVOR_STOCK, "2433405"));

        Build build = WechatPayApi.of(client).v3().marketing().partnerships().build();
        Build.PostResponse response = switch (style) {
            case "typed" ->
                async
                        ? build.postAsync(request, "idem-20261123-0001").join()
                        : build.post(request, "idem-20261123-0001");
            default ->
                post(
                                chain(client, Build.POST_PATH, style),
                                Options.json(request).withIdempotencyKey("idem-20261123-0001"),
                                async)
                        .as(Build.PostResponse.class);
        };

        RecordedRequest r = server.lastRequest();
        assertSignedPost(r, "/v3/marketing/partnerships/build");
        assertEquals("idem-20261123-0001", r.header("Idempotency-Key").orElseThrow());
        assertEquals(
                Map.of(
                        "partner", Map.of("type", "APPID", "appid", "wx4e1916a585d1f4e9", "merchant_id", "2480029552"),
                        "authorized_data", Map.of("business_type", "FAVOR_STOCK", "stock_id", "2433405")),
                receivedJson());

        assertEquals(
                new Build.PostResponse.Partner(Build.PostResponse.Type.APPID, "wx4e1916a585d1f4e9", "2480029552"),
                response.partner());
        assertEquals(
                new Build.PostResponse.AuthorizedData(Build.PostResponse.BusinessType.FAVOR_STOCK, "2433405"),
                response.authorizedData());
        assertEquals(Build.PostResponse.State.ESTABLISHED, response.state());
        ZoneOffset cst = ZoneOffset.ofHours(8);
        assertEquals(OffsetDateTime.of(2026, 11, 23, 10, 15, 30, 0, cst), response.buildTime());
        assertEquals(OffsetDateTime.of(2026, 11, 23, 10, 15, 31, 0, cst), response.createTime());
        assertEquals(OffsetDateTime.of(2026, 11, 23, 10, 15, 32, 0, cst), response.updateTime());
    }

    @ParameterizedTest(name = "{0}, style={1}, async={2}")
    @MethodSource("styles")
    void payscorePartnerPermissions(String codec, String style, boolean async) {
        server.on(
                "POST",
                "/v3/payscore/partner/permissions",
                FakeResponse.ok("{\"apply_permissions_token\":\"apply_permissions_token_0001\"}"));
        WechatPay client = client(codec);
        Permissions.PostRequest request = new Permissions.PostRequest(
                "service_id",
                "wxd678efh567hg6787",
                "wxd678efh567hg6788",
                "1230000109",
                "1234323JKHDFE1243252",
                "https://merchant.example.com/notify");

        Permissions permissions =
                WechatPayApi.of(client).v3().payscore().partner().permissions();
        Permissions.PostResponse response = switch (style) {
            case "typed" -> async ? permissions.postAsync(request).join() : permissions.post(request);
            default ->
                post(chain(client, Permissions.POST_PATH, style), Options.json(request), async)
                        .as(Permissions.PostResponse.class);
        };

        assertSignedPost(server.lastRequest(), "/v3/payscore/partner/permissions");
        assertEquals(
                Map.of(
                        "service_id",
                        "service_id",
                        "appid",
                        "wxd678efh567hg6787",
                        "sub_appid",
                        "wxd678efh567hg6788",
                        "sub_mchid",
                        "1230000109",
                        "authorization_code",
                        "1234323JKHDFE1243252",
                        "notify_url",
                        "https://merchant.example.com/notify"),
                receivedJson());
        assertEquals("apply_permissions_token_0001", response.applyPermissionsToken());
    }

    @ParameterizedTest(name = "{0}, style={1}, async={2}")
    @MethodSource("styles")
    void payrollCardTokens(String codec, String style, boolean async) {
        // the fake's built-in route decrypts user_name and id_card_number with the private key of the platform key
        // that Wechatpay-Serial names, as WeChat Pay does, and answers 400 PARAM_ERROR when it cannot
        WechatPay client = client(codec);
        Tokens.PostRequest request = new Tokens.PostRequest(
                "onqOjjmo8wmTOOtSKwXtGjg9Gb58",
                "wxa1111111",
                "wxa2222222",
                "1111111",
                "张三",
                "110101199003074477",
                Tokens.PostRequest.EmploymentType.LONG_TERM_EMPLOYMENT);

        Tokens tokens = WechatPayApi.of(client).v3().payrollCard().tokens();
        Tokens.PostResponse response = switch (style) {
            case "typed" -> async ? tokens.postAsync(request).join() : tokens.post(request);
            default ->
                post(chain(client, Tokens.POST_PATH, style), Options.json(request), async)
                        .as(Tokens.PostResponse.class);
        };

        RecordedRequest r = server.lastRequest();
        assertSignedPost(r, "/v3/payroll-card/tokens");
        assertEquals(keys.publicKeyId(), r.header("Wechatpay-Serial").orElseThrow());
        assertEquals(Map.of("user_name", "张三", "id_card_number", "110101199003074477"), server.lastDecrypted());
        Map<String, Object> sent = receivedJson();
        assertEquals(
                Set.of("openid", "appid", "sub_appid", "sub_mchid", "user_name", "id_card_number", "employment_type"),
                sent.keySet());
        assertNotEquals("张三", sent.get("user_name"));
        assertFalse(utf8(r.body()).contains("110101199003074477"), "the ID number went out in plaintext");
        assertEquals("LONG_TERM_EMPLOYMENT", sent.get("employment_type"));
        assertEquals("onqOjjmo8wmTOOtSKwXtGjg9Gb58", response.openid());
        assertEquals("1111111", response.subMchid());
        assertTrue(response.token().startsWith("TOKEN"));
        assertEquals(1800, response.expiresIn());
        assertEquals("张三", request.userName(), "the caller's record must not change");
    }

    @Test
    void requiredFieldsAreCheckedWhenTheRecordIsBuilt() {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> new Build.PostRequest.Partner(null, "wx", null));
        assertTrue(e.getMessage().contains("type"), e.getMessage());
        assertTrue(assertThrows(
                        InvalidRequestException.class, () -> new Permissions.PostRequest("s", "a", null, "", "c", null))
                .getMessage()
                .contains("sub_mchid"));
        Build build = WechatPayApi.of(client("jackson"))
                .v3()
                .marketing()
                .partnerships()
                .build();
        Build.PostRequest request = new Build.PostRequest(
                new Build.PostRequest.Partner(Build.PostRequest.Type.MERCHANT, null, "1"),
                new Build.PostRequest.AuthorizedData(Build.PostRequest.BusinessType.BUSIFAVOR_STOCK, null));
        assertTrue(assertThrows(InvalidRequestException.class, () -> build.post(request, ""))
                .getMessage()
                .contains("Idempotency-Key"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> build.post(null))
                .getMessage()
                .contains("request"));
        Tokens.PostRequest sensitive = new Tokens.PostRequest(
                "o",
                null,
                null,
                "1",
                "PLAIN-NAME",
                "PLAIN-ID",
                Tokens.PostRequest.EmploymentType.SHORT_TERM_EMPLOYMENT);
        assertTrue(!sensitive.toString().contains("PLAIN-NAME")
                && !sensitive.toString().contains("PLAIN-ID"));
    }

    @Test
    void unknownEnumValuesFromTheServerAreKept() {
        server.on(
                "POST",
                "/v3/marketing/partnerships/build",
                FakeResponse.ok("{\"partner\":{\"type\":\"BRAND\"},"
                        + "\"authorized_data\":{\"business_type\":\"NEW_STOCK_KIND\"},\"state\":\"PAUSED\"}"));
        Build.PostResponse r = WechatPayApi.of(client("gson"))
                .v3()
                .marketing()
                .partnerships()
                .build()
                .post(new Build.PostRequest(
                        new Build.PostRequest.Partner(Build.PostRequest.Type.MERCHANT, null, "1"),
                        new Build.PostRequest.AuthorizedData(Build.PostRequest.BusinessType.FAVOR_STOCK, null)));
        assertEquals("BRAND", r.partner().type().value());
        assertEquals("NEW_STOCK_KIND", r.authorizedData().businessType().value());
        assertEquals("PAUSED", r.state().value());
        assertTrue(server.lastRequest().header("Idempotency-Key").isPresent(), "the required key is generated");
    }
}
