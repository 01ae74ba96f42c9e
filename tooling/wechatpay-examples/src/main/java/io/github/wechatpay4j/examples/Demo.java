package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Media;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.ServiceException;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.api.v3.marketing.partnerships.Build;
import io.github.wechatpay4j.api.v3.payroll_card.Tokens;
import io.github.wechatpay4j.api.v3.payscore.partner.Permissions;
import io.github.wechatpay4j.download.BillCsv;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.frontend.JsapiPayment;
import io.github.wechatpay4j.testkit.BillSource;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the SDK against an embedded fake WeChat Pay: no credentials, no network. The fake server verifies every
 * request signature the way WeChat Pay does and signs every answer; the client verifies every answer.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** The whole demo, printing each step to {@code out}. */
    public static void run(PrintStream out) throws IOException {
        TestKeys keys = TestKeys.generate();
        try (FakeWechatPay server = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)) {
            serve(server);
            out.println("1. Fake WeChat Pay listening on " + server.baseUrl() + " (merchant " + keys.mchid() + ")");

            // A merchant's files, as downloaded from the merchant platform.
            Path dir = Files.createTempDirectory("wechatpay-demo");
            Path privateKey = Files.writeString(dir.resolve("apiclient_key.pem"), keys.merchantPrivateKeyPem());
            Path publicKey = Files.writeString(dir.resolve("pub_key.pem"), keys.platformPublicKeyPem());

            try (WechatPay client = WechatPay.builder()
                    .merchantId(keys.mchid())
                    .merchantSerialNumber(keys.merchantSerial())
                    .privateKey(privateKey)
                    .wechatpayPublicKey(keys.publicKeyId(), publicKey)
                    .baseUrl(server.baseUrl())
                    .build()) {
                out.println("2. Client built: " + client);

                WechatPayApi api = WechatPayApi.of(client);
                Build.PostResponse partnership = api.v3()
                        .marketing()
                        .partnerships()
                        .build()
                        .post(
                                new Build.PostRequest(
                                        new Build.PostRequest.Partner(
                                                Build.PostRequest.Type.APPID, "wx4e1916a585d1f4e9", null),
                                        new Build.PostRequest.AuthorizedData(
                                                Build.PostRequest.BusinessType.FAVOR_STOCK, "2433405")),
                                UUID.randomUUID().toString());
                out.println("3. POST v3/marketing/partnerships/build (typed chain) -> state "
                        + partnership.state().value() + ", built " + partnership.buildTime());

                Permissions.PostResponse permissions = client.chain("v3")
                        .chain("payscore")
                        .chain("partner")
                        .chain("permissions")
                        .postAsync(Options.json(new Permissions.PostRequest(
                                "service_id", "wxd678efh567hg6787", null, "1230000109", "1234323JKHDFE1243252", null)))
                        .thenApply(r -> r.as(Permissions.PostResponse.class))
                        .join();
                out.println("4. POST v3/payscore/partner/permissions (async, untyped segment chain, typed records)"
                        + " -> token " + permissions.applyPermissionsToken());

                Tokens.PostResponse token = api.v3()
                        .payrollCard()
                        .tokens()
                        .post(new Tokens.PostRequest(
                                "onqOjjmo8wmTOOtSKwXtGjg9Gb58",
                                "wxa1111111",
                                null,
                                "1111111",
                                "张三",
                                "110101199003074477",
                                Tokens.PostRequest.EmploymentType.LONG_TERM_EMPLOYMENT));
                out.println("5. POST v3/payroll-card/tokens (user_name, id_card_number encrypted by the client,"
                        + " decrypted by the server) -> token " + token.token() + ", expires in " + token.expiresIn()
                        + " s");

                ApiResponse order = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                        .get(Options.path("out_trade_no", "DEMO-20261123-0001").withQuery("mchid", keys.mchid()));
                Map<String, Object> body = order.asMap();
                out.println("6. GET v3/pay/transactions/out-trade-no/DEMO-20261123-0001 -> " + body.get("trade_state")
                        + " (Request-ID " + order.requestId().orElse("-") + ")");

                try {
                    client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                            .get(Options.path("out_trade_no", "NO-SUCH-ORDER").withQuery("mchid", keys.mchid()));
                } catch (ServiceException e) {
                    out.println("7. Unknown order -> ServiceException " + e.statusCode() + " "
                            + e.code().orElse("?") + ", signed=" + e.isSigned() + ", retryable=" + e.isRetryable());
                }

                server.fault(FakeWechatPay.Fault.TAMPER_BODY);
                try {
                    client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                            .get(Options.path("out_trade_no", "DEMO-20261123-0001")
                                    .withQuery("mchid", keys.mchid()));
                    out.println("8. A tampered answer was accepted: this must never happen");
                } catch (SignatureVerificationException e) {
                    out.println("8. Tampered answer rejected -> " + e.reason());
                }
                server.clearFaults();

                String mediaId = (String) client.chain("v3/merchant/media/upload")
                        .post(Options.upload(Media.of("logo.png", "not really a PNG".getBytes(StandardCharsets.UTF_8))))
                        .asMap()
                        .get("media_id");
                out.println("9. POST v3/merchant/media/upload (multipart, signed over meta) -> media_id "
                        + mediaId.substring(0, 8) + "…");

                server.bill(BillSource.of(
                        "交易时间,商户订单号,应结订单金额\n`2026-11-22 10:00:01,`DEMO-1,`0.01\n" + "总交易单数,应结订单总金额\n`1,`0.01\n"));
                BillFile bill = client.chain("v3/bill/tradebill")
                        .get(Options.query("bill_date", "2026-11-22").withQuery("tar_type", "GZIP"))
                        .as(BillFile.class);
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                long size = client.downloads().bill(bill, csv);
                BillCsv.Table table = BillCsv.parse(new ByteArrayInputStream(csv.toByteArray()));
                out.println("10. Trade bill: " + size + " bytes, gzip undone, SHA-1 checked -> "
                        + table.rows().size() + " row, total " + table.summary().get("应结订单总金额"));

                JsapiPayment pay =
                        client.frontEnd().jsapiPayment("wxd678efh567hg6787", "wx201410272009395522657a690389285100");
                out.println(
                        "11. wx.requestPayment parameters: " + pay.toMap().keySet() + ", signType " + pay.signType());
                out.println("Done: " + server.requests().size() + " requests, every one signed and verified by the"
                        + " fake server: " + server.requests().stream().allMatch(r -> r.signatureValid()));
            }
        }
    }

    private static void serve(FakeWechatPay server) {
        server.on(
                "POST",
                "/v3/marketing/partnerships/build",
                FakeResponse.ok(
                        "{\"partner\":{\"type\":\"APPID\","
                                + "\"appid\":\"wx4e1916a585d1f4e9\"},\"authorized_data\":{\"business_type\":\"FAVOR_STOCK\","
                                + "\"stock_id\":\"2433405\"},\"state\":\"ESTABLISHED\",\"build_time\":\"2026-11-23T10:15:30+08:00\","
                                + "\"create_time\":\"2026-11-23T10:15:30+08:00\",\"update_time\":\"2026-11-23T10:15:30+08:00\"}"));
        server.on(
                "POST",
                "/v3/payscore/partner/permissions",
                FakeResponse.ok("{\"apply_permissions_token\":\"1234323JKHDFE1243252-token\"}"));
        // POST /v3/payroll-card/tokens is built into the fake: it decrypts the sensitive fields as WeChat Pay does
        server.on(
                "GET",
                "/v3/pay/transactions/out-trade-no/DEMO-20261123-0001",
                FakeResponse.ok(
                        "{\"mchid\":\"1900000001\",\"out_trade_no\":\"DEMO-20261123-0001\",\"trade_state\":\"SUCCESS\","
                                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"}}"));
        server.on(
                "GET",
                "/v3/pay/transactions/out-trade-no/NO-SUCH-ORDER",
                FakeResponse.error(404, "ORDER_NOT_EXIST", "订单不存在"));
    }
}
