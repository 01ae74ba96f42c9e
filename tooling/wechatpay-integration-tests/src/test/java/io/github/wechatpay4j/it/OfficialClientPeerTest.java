package io.github.wechatpay4j.it;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayResponse;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.Order;
import io.github.wechatpay4j.testkit.RecordedRequest;
import io.github.wechatpay4j.testkit.TestKeys;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official {@code com.github.wechatpay-apiv3:wechatpay-java} client (0.2.17, test scope) as a peer of the fake:
 * a client nobody here wrote downloads certificates, places, queries, closes an order and parses a notification the
 * fake made, in public-key mode and in certificate mode, without any adaptation on its side. The only thing between
 * them is an OkHttp interceptor that sends {@code https://api.mch.weixin.qq.com} to the fake's loopback address
 * (the official client signs the path and query, not the host).
 */
class OfficialClientPeerTest {
    private static final Map<FakeWechatPay.Mode, FakeWechatPay> SERVERS = new EnumMap<>(FakeWechatPay.Mode.class);

    @BeforeAll
    static void start() {
        for (FakeWechatPay.Mode mode : FakeWechatPay.Mode.values()) {
            SERVERS.put(mode, FakeWechatPay.start(TestKeys.generate(), mode));
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(FakeWechatPay::close);
    }

    /** An OkHttp client that sends WeChat Pay's hosts to the fake, and nothing else changed. */
    private static OkHttpClient toFake(FakeWechatPay fake) {
        return new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    HttpUrl url = chain.request().url();
                    HttpUrl local = url.newBuilder()
                            .scheme("http")
                            .host("127.0.0.1")
                            .port(fake.port())
                            .build();
                    return chain.proceed(chain.request().newBuilder().url(local).build());
                })
                .build();
    }

    private static Config config(FakeWechatPay fake) {
        TestKeys keys = fake.keys();
        OkHttpClient http = toFake(fake);
        if (fake.mode() == FakeWechatPay.Mode.PUBLIC_KEY) {
            return new RSAPublicKeyConfig.Builder()
                    .merchantId(keys.mchid())
                    .privateKey(keys.merchantKeys().getPrivate())
                    .merchantSerialNumber(keys.merchantSerial())
                    .publicKey(keys.platformKeys().getPublic())
                    .publicKeyId(keys.publicKeyId())
                    .apiV3Key(keys.apiV3Key())
                    .build();
        }
        // certificate mode: the official client downloads /v3/certificates itself, decrypts and verifies them
        return new RSAAutoCertificateConfig.Builder()
                .merchantId(keys.mchid())
                .privateKey(keys.merchantKeys().getPrivate())
                .merchantSerialNumber(keys.merchantSerial())
                .apiV3Key(keys.apiV3Key())
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(http))
                .build();
    }

    @ParameterizedTest
    @EnumSource(FakeWechatPay.Mode.class)
    void theOfficialClientPlacesQueriesAndClosesOrdersAndParsesNotifications(FakeWechatPay.Mode mode) {
        FakeWechatPay fake = SERVERS.get(mode);
        Config config = config(fake);
        HttpClient http = new DefaultHttpClientBuilder()
                .config(config)
                .okHttpClient(toFake(fake))
                .build();
        NativePayService service =
                new NativePayService.Builder().httpClient(http).build();
        String mchid = fake.keys().mchid();

        for (String outTradeNo : new String[] {"PEER-" + mode + "-1", "PEER-" + mode + "-2"}) {
            PrepayRequest prepay = new PrepayRequest();
            prepay.setAppid("wxd678efh567hg6787");
            prepay.setMchid(mchid);
            prepay.setDescription("Image形象店-深圳腾大-QQ公仔");
            prepay.setOutTradeNo(outTradeNo);
            prepay.setNotifyUrl("http://127.0.0.1:1/notify"); // nobody listens: deliveries fail and are retried
            Amount amount = new Amount();
            amount.setTotal(100);
            amount.setCurrency("CNY");
            prepay.setAmount(amount);
            PrepayResponse answer = service.prepay(prepay);
            assertTrue(answer.getCodeUrl().startsWith("weixin://"), answer.getCodeUrl());
        }

        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setMchid(mchid);
        query.setOutTradeNo("PEER-" + mode + "-1");
        assertEquals(
                Transaction.TradeStateEnum.NOTPAY,
                service.queryOrderByOutTradeNo(query).getTradeState());

        Order paid = fake.pay("PEER-" + mode + "-1");
        Transaction transaction = service.queryOrderByOutTradeNo(query);
        assertEquals(Transaction.TradeStateEnum.SUCCESS, transaction.getTradeState());
        assertEquals(paid.transactionId(), transaction.getTransactionId());
        assertEquals(100, transaction.getAmount().getTotal());

        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(mchid);
        close.setOutTradeNo("PEER-" + mode + "-2");
        service.closeOrder(close);
        query.setOutTradeNo("PEER-" + mode + "-2");
        assertEquals(
                Transaction.TradeStateEnum.CLOSED,
                service.queryOrderByOutTradeNo(query).getTradeState());

        // what the official client sends is what WeChat Pay expects; our client must send the same (issue 18)
        for (RecordedRequest sent : fake.requests()) {
            if (sent.rawPath().equals("/v3/certificates")) {
                assertEquals("algorithm_type=RSA", sent.rawQuery(), "the official certificate download");
                continue;
            }
            assertTrue(sent.signatureValid(), sent.target());
            assertEquals("application/json", sent.header("Accept").orElseThrow(), sent.target());
            assertTrue(sent.header("Content-Type").orElseThrow().startsWith("application/json"), sent.target());
            if (mode == FakeWechatPay.Mode.PUBLIC_KEY) {
                assertEquals(
                        fake.keys().publicKeyId(),
                        sent.header("Wechatpay-Serial").orElseThrow(),
                        sent.target());
            }
        }
        fake.clearRequests();
        try (io.github.wechatpay4j.WechatPay ours = fake.clientBuilder().build()) {
            ours.chain("v3/pay/transactions/out-trade-no/{no}")
                    .get(io.github.wechatpay4j.Options.path("no", "PEER-" + mode + "-1")
                            .withQuery("mchid", mchid));
            RecordedRequest mine = fake.lastRequest();
            assertEquals("application/json", mine.header("Accept").orElseThrow());
            assertTrue(
                    mine.header("Content-Type").orElseThrow().startsWith("application/json"),
                    "a GET carries Content-Type as the official client's does");
            if (mode == FakeWechatPay.Mode.PUBLIC_KEY) {
                assertEquals(
                        fake.keys().publicKeyId(),
                        mine.header("Wechatpay-Serial").orElseThrow());
            }
        }
        FakeNotification notification = fake.notification("TRANSACTION.SUCCESS", NotificationsTest.TRANSACTION);
        NotificationParser parser = new NotificationParser((NotificationConfig) config);
        Transaction parsed = parser.parse(
                new RequestParam.Builder()
                        .serialNumber(notification.header("Wechatpay-Serial"))
                        .nonce(notification.header("Wechatpay-Nonce"))
                        .signature(notification.header("Wechatpay-Signature"))
                        .timestamp(notification.header("Wechatpay-Timestamp"))
                        .signType(notification.header("Wechatpay-Signature-Type"))
                        .body(new String(notification.body(), StandardCharsets.UTF_8))
                        .build(),
                Transaction.class);
        assertNotNull(parsed.getTransactionId());
        assertEquals(Transaction.TradeStateEnum.SUCCESS, parsed.getTradeState());
    }
}
