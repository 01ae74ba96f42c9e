package io.github.wechatpay4j.v2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.InvalidRequestException;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.OutcomeUnknownException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * APIv2 calls of a client through its pipeline, over loopback HTTP to a JDK {@code HttpServer} that plays WeChat Pay's
 * APIv2 (checks each request's sign, answers signed XML): the payment-code flow (micropay, the payer still paying,
 * the order query, the reversal), what is added to a request, and answers that must not be believed.
 */
class ApiV2SchemeTest {
    private static final String MCHID = "1900000109";
    private static final ApiV2Key KEY = ApiV2Key.of("192006250b4c09247ec02edce69f6a2d");

    private HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile Function<Map<String, String>, Map<String, String>> answers;
    private volatile SignType answerSignType = SignType.HMAC_SHA256;
    /** A file answered as it is, in place of XML (a bill download). */
    private volatile byte[] file;

    private WechatPay client;
    private final JdkHttpTransport certificateTransport = new JdkHttpTransport(TransportOptions.defaults());

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair merchant = g.generateKeyPair();
        KeyPair platform = g.generateKeyPair();
        client = WechatPay.builder()
                .merchantId(MCHID)
                .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .privateKey(merchant.getPrivate())
                .wechatpayPublicKey("PUB_KEY_ID_0119000001092025", platform.getPublic())
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .retryPolicy(RetryPolicy.none())
                .scheme("v2", ApiV2Scheme.factory(KEY, SignType.HMAC_SHA256, "wx2421b1c4370ec43b"))
                // the secured operations' transport; here plain HTTP (TLS with a client certificate: the fake's test)
                .clientCertificateTransport(certificateTransport)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        certificateTransport.close();
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            Map<String, String> request = ApiV2Xml.read(in.readAllBytes());
            received.add(request);
            paths.add(exchange.getRequestURI().getRawPath());
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            // WeChat Pay's side: the request's sign, by the algorithm it declares
            ApiV2Signatures.verify(request, SignType.ofRequest(request.get("sign_type")), KEY);
            if (file != null) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=utf-8");
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
                return;
            }
            Map<String, String> answer = new LinkedHashMap<>(answers.apply(request));
            if (answer.remove("unsigned") == null) {
                answer.put("sign", ApiV2Signatures.sign(answer, answerSignType, KEY));
            }
            byte[] body = ApiV2Xml.write(answer);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (RuntimeException e) {
            byte[] body = ApiV2Xml.write(Map.of("return_code", "FAIL", "return_msg", "签名错误"));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> ok(Map<String, String> request, String... kv) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("return_code", "SUCCESS");
        a.put("return_msg", "OK");
        a.put("appid", request.get("appid"));
        a.put("mch_id", request.get("mch_id"));
        a.put("nonce_str", "answer" + request.get("nonce_str").substring(0, 8));
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        return a;
    }

    @Test
    void thePaymentCodeFlowMicropayStillPayingQueryAndReverse() throws Exception {
        answers = request -> switch (paths.get(paths.size() - 1)) {
            case "/pay/micropay" ->
                ok(request, "result_code", "FAIL", "err_code", "USERPAYING", "err_code_des", "需要用户输入支付密码");
            case "/pay/orderquery" ->
                ok(
                        request,
                        "result_code",
                        "SUCCESS",
                        "trade_state",
                        "SUCCESS",
                        "out_trade_no",
                        request.get("out_trade_no"),
                        "transaction_id",
                        "4200000000000000000000000001",
                        "total_fee",
                        "888");
            case "/secapi/pay/reverse" -> ok(request, "result_code", "SUCCESS", "recall", "N");
            default -> throw new IllegalStateException();
        };
        ApiV2ServiceException paying = assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/pay/micropay")
                        .post(Options.xml(Map.of(
                                "body", "image形象店-深圳腾大- QQ公仔",
                                "out_trade_no", "1217752501201407033233368018",
                                "total_fee", 888,
                                "spbill_create_ip", "8.8.8.8",
                                "auth_code", "120061098828009406"))));
        assertTrue(paying.isBusinessFailure());
        assertEquals("USERPAYING", paying.code().orElseThrow());
        assertTrue(paying.isRetryable(), "the payer is entering a password: query the order");

        Map<String, String> sent = received.get(0);
        assertEquals("/pay/micropay", paths.get(0), "the v2 marker is not sent");
        assertEquals("text/xml; charset=utf-8", contentTypes.get(0));
        assertEquals(MCHID, sent.get("mch_id"));
        assertEquals("wx2421b1c4370ec43b", sent.get("appid"));
        assertEquals("HMAC-SHA256", sent.get("sign_type"));
        assertEquals(32, sent.get("nonce_str").length());
        assertEquals("888", sent.get("total_fee"));

        ApiResponse query = client.chain("v2/pay/orderquery")
                .postAsync(Options.xml(Map.of("out_trade_no", "1217752501201407033233368018")))
                .get(10, TimeUnit.SECONDS);
        Map<String, Object> order = query.asMap();
        assertEquals("SUCCESS", order.get("trade_state"));
        assertEquals("888", order.get("total_fee"));
        assertTrue(query.bodyAsString().startsWith("<xml>"), "the raw body is the XML as received");

        assertEquals(
                "N",
                client.chain("v2/secapi/pay/reverse")
                        .post(Options.xml(Map.of("out_trade_no", "1217752501201407033233368018")))
                        .asMap()
                        .get("recall"));
        assertFalse(received.get(1).containsKey("total_fee"));
    }

    @Test
    void anAnswerSignedWithAnotherAlgorithmOrTamperedIsNotBelieved() {
        answerSignType = SignType.MD5;
        answers = request -> ok(request, "result_code", "SUCCESS", "trade_state", "SUCCESS");
        // a POST whose answer is not believed may have acted: the caller is told so, with the reason as the cause
        assertUnverified(() -> client.chain("v2/pay/orderquery").post(Options.xml(Map.of("out_trade_no", "T1"))));

        answerSignType = SignType.HMAC_SHA256;
        answers = request -> {
            Map<String, String> a = ok(request, "result_code", "SUCCESS");
            a.put("unsigned", "");
            return a;
        };
        // an operation WeChat Pay signs, answered without a sign
        assertUnverified(() -> client.chain("v2/pay/orderquery").post(Options.xml(Map.of("out_trade_no", "T1"))));
        // an operation whose answers WeChat Pay does not sign (the reference SDKs' list) is read without a sign
        assertEquals(
                "1000018301201505190181489473",
                client.chain("v2/mmpaymkttransfers/promotion/transfers")
                        .post(Options.xml(
                                Map.of("mchid", MCHID, "mch_appid", "wx2421b1c4370ec43b", "partner_trade_no", "P1")))
                        .asMap()
                        .getOrDefault("payment_no", "1000018301201505190181489473"));
        Map<String, String> transfer = received.get(received.size() - 1);
        assertFalse(transfer.containsKey("sign_type"), "transfers take no sign_type: MD5, whatever the client's");
        assertEquals(ApiV2Signatures.sign(transfer, SignType.MD5, KEY), transfer.get("sign"));
        assertFalse(transfer.containsKey("mch_id"), "mchid given: no mch_id added");
        assertFalse(transfer.containsKey("appid"), "mch_appid given: no appid added");
    }

    @Test
    void aRefusedRequestAndMisuseAreTypedErrors() {
        answers = request -> Map.of("return_code", "FAIL", "return_msg", "参数格式校验错误", "unsigned", "");
        ApiV2ServiceException refused = assertThrows(
                ApiV2ServiceException.class,
                () -> client.chain("v2/pay/orderquery").post(Options.xml(Map.of("out_trade_no", "T1"))));
        assertFalse(refused.isBusinessFailure());
        assertEquals("参数格式校验错误", refused.errorMessage().orElseThrow());

        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v2/pay/orderquery").post(Options.xml(Map.of("mch_id", "1900000999"))));
        assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v2/pay/orderquery").post(Options.xml(Map.of("sign", "X"))));
        InvalidRequestException v3 = assertThrows(
                InvalidRequestException.class,
                () -> client.chain("v3/pay/transactions/native").post(Options.xml(Map.of("a", "1"))));
        assertTrue(v3.getMessage().contains("APIv2"), v3.getMessage());
    }

    @Test
    void anOperationThatTakesOnlyHmacSha256IsSignedSoByAnMd5Client() {
        answerSignType = SignType.HMAC_SHA256;
        answers = request -> ok(request, "result_code", "SUCCESS", "status", "FINISHED");
        try (WechatPay md5 = WechatPay.builder()
                .merchantId(MCHID)
                .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .privateKey(rsa().getPrivate())
                .wechatpayPublicKey("PUB_KEY_ID_0119000001092025", rsa().getPublic())
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .scheme("v2", ApiV2Scheme.factory(KEY, SignType.MD5, "wx2421b1c4370ec43b"))
                .clientCertificateTransport(certificateTransport)
                .build()) {
            // the spec: pay/profitsharingquery's sign_type accepts HMAC-SHA256 only, and is required
            assertEquals(
                    "FINISHED",
                    md5.chain("v2/pay/profitsharingquery")
                            .post(Options.xml(
                                    Map.of("transaction_id", "4208450740201411110007820472", "out_order_no", "P1")))
                            .asMap()
                            .get("status"));
            assertEquals("HMAC-SHA256", received.get(0).get("sign_type"));
            // pay/orderquery takes either: the client's MD5, which needs no sign_type
            answerSignType = SignType.MD5;
            answers = request -> ok(request, "result_code", "SUCCESS", "trade_state", "NOTPAY");
            md5.chain("v2/pay/orderquery").post(Options.xml(Map.of("out_trade_no", "T1")));
            assertFalse(received.get(1).containsKey("sign_type"));
            // pay/downloadfundflow: HMAC-SHA256 only (a reviewed correction of the spec); this server answers XML,
            // not the bill, which the download reports
            answerSignType = SignType.HMAC_SHA256;
            assertThrows(
                    io.github.wechatpay4j.MalformedResponseException.class,
                    () -> md5.chain("v2/pay/downloadfundflow")
                            .download(Options.xml(Map.of("bill_date", "20261130", "account_type", "Basic")))
                            .toBytes());
            assertEquals("HMAC-SHA256", received.get(2).get("sign_type"));
        }
    }

    @Test
    void anOperationOfAnotherHostGoesThereWithoutItsV2Marker() {
        answers = request -> ok(request, "result_code", "SUCCESS", "pub_key", "-----BEGIN PUBLIC KEY-----");
        try (WechatPay elsewhere = WechatPay.builder()
                .merchantId(MCHID)
                .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .privateKey(rsa().getPrivate())
                .wechatpayPublicKey("PUB_KEY_ID_0119000001092025", rsa().getPublic())
                .baseUrl("http://127.0.0.1:9") // nothing listens: only the fraud host may be reached
                .retryPolicy(RetryPolicy.none())
                .host(
                        "https://fraud.mch.weixin.qq.com",
                        "http://127.0.0.1:" + server.getAddress().getPort())
                .scheme("v2", ApiV2Scheme.factory(KEY, SignType.MD5))
                .clientCertificateTransport(certificateTransport)
                .build()) {
            elsewhere.chain("v2/risk/getpublickey").post(Options.xml(Map.of("sign_type", "MD5")));
            assertEquals(List.of("/risk/getpublickey"), paths);
        }
    }

    /**
     * A trade bill as WeChat Pay serves it: a byte order mark, the header, rows whose values start with a backtick, the
     * totals. The first lines and the totals of TheNorthMemory/wechatpay-axios-plugin
     * {@code tests/fixtures/bill.ALL.csv}@f5bc863.
     */
    static final String BILL = "\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
            + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n"
            + "`2019-02-19 01:51:59,`wxab8acd895ab1638a,`1921000401,`0,`,`4200000263201902167700136502,"
            + "`autotest_20190219015157_13391,`wxab8acd865bb1637e,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.03,`0.01,`0,`0,`0.00,"
            + "`0.00,`,`,`autotest,`,`0.01000,`39.00%,`0.03,`0.00,`\r\n"
            + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
            + "`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14";

    @Test
    void aBillThatStartsWithAByteOrderMarkIsTheFileNotAnAnswer() {
        file = BILL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bill = client.chain("v2/pay/downloadbill")
                .download(Options.xml(Map.of("bill_date", "20190219", "bill_type", "ALL")))
                .toBytes();
        assertEquals(BILL, new String(bill, java.nio.charset.StandardCharsets.UTF_8), "the bill, byte for byte");
        assertEquals("/pay/downloadbill", paths.get(0));
    }

    @Test
    void aPageIsASignedLinkAndNothingIsSent() {
        java.net.URI link = client.chain("v2/papay/entrustweb")
                .link(Options.query("plan_id", 12535)
                        .withQuery("contract_code", "100001256")
                        .withQuery("request_serial", 1000)
                        .withQuery("contract_display_account", "微信代扣")
                        .withQuery("notify_url", "https://shop.example/papay/notify")
                        .withQuery("version", "1.0")
                        .withQuery("timestamp", "1414488825"));
        assertEquals("/papay/entrustweb", link.getRawPath(), "the v2 marker is not in the link");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    pair.substring(0, eq),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(MCHID, query.get("mch_id"));
        assertEquals("wx2421b1c4370ec43b", query.get("appid"));
        assertEquals("微信代扣", query.get("contract_display_account"), "values are encoded once");
        assertFalse(query.containsKey("nonce_str"), "the page takes no nonce_str");
        assertFalse(query.containsKey("sign_type"), "the page takes no sign_type: MD5");
        ApiV2Signatures.verify(query, SignType.MD5, KEY);
        assertTrue(received.isEmpty(), "a link is opened by the payer's browser, not sent");
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertUnverified(org.junit.jupiter.api.function.Executable call) {
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, call);
        assertTrue(e.getCause() instanceof SignatureVerificationException, () -> String.valueOf(e.getCause()));
    }
}
