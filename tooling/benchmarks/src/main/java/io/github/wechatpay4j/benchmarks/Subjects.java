package io.github.wechatpay4j.benchmarks;

import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpHeaders;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.payments.PaymentsApi;
import io.github.wechatpay4j.api.v3.pay.transactions.out_trade_no.ByOutTradeNo;
import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.PlatformKeys;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.notification.Notifications;
import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.transport.apache.ApacheHttpTransportProvider;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransportProvider;
import io.github.wechatpay4j.transport.okhttp.OkHttpTransportProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What the paired end-to-end run measures, each the same verified, bound query of a paid transaction against one fake
 * WeChat Pay in this JVM: ours on each transport (blocking, and 256 in flight from one thread), ours through the typed
 * API and through {@code chain(...)} into the same generated record, the hand-written floor of each HTTP library,
 * the official {@code wechatpay-java} and WxJava ({@code weixin-java-pay}).
 */
final class Subjects {
    /** One measured way of making the call; {@link #invoke()} makes {@link #calls()} calls. */
    interface Subject {
        String name();

        int calls();

        void invoke() throws Exception;
    }

    static final int IN_FLIGHT = 256;
    static final List<String> TRANSPORTS = List.of("jdk", "okhttp", "apache");

    private final List<AutoCloseable> closing = new ArrayList<>();

    /**
     * The subjects {@code wanted} names, each checked once (it must read {@code SUCCESS}) before it is returned. Only
     * those are built: a fork that measures the JDK transport against its floor never loads OkHttp, Apache, the
     * official SDK or WxJava, so that the code under test is compiled as it would be in an application using it alone
     * (call sites shared by several transports would otherwise be compiled for all of them).
     */
    List<Subject> all(FakeWechatPay fake, TestKeys keys, Predicate<String> wanted) throws Exception {
        List<Subject> all = new ArrayList<>();
        Options query = Options.path("out_trade_no", Payloads.OUT_TRADE_NO).withQuery("mchid", keys.mchid());
        String path = "v3/pay/transactions/out-trade-no/{out_trade_no}";
        for (String transport : TRANSPORTS) {
            String sync = "ours-sync-" + transport;
            String async = "ours-async" + IN_FLIGHT + "-" + transport;
            if (wanted.test(sync) || wanted.test(async)) {
                WechatPay client = ours(fake, transport);
                if (wanted.test(sync)) {
                    all.add(subject(
                            sync,
                            1,
                            () -> check(client.chain(path)
                                    .get(query)
                                    .as(Payloads.Transaction.class)
                                    .tradeState())));
                }
                if (wanted.test(async)) {
                    all.add(subject(async, IN_FLIGHT, () -> {
                        @SuppressWarnings("unchecked")
                        CompletableFuture<Payloads.Transaction>[] calls = new CompletableFuture[IN_FLIGHT];
                        for (int i = 0; i < IN_FLIGHT; i++) {
                            calls[i] =
                                    client.chain(path).getAsync(query).thenApply(r -> r.as(Payloads.Transaction.class));
                        }
                        CompletableFuture.allOf(calls).join();
                        check(calls[IN_FLIGHT - 1].join().tradeState());
                    }));
                }
            }
            if (wanted.test("floor-" + transport)) {
                Floors.Http http = switch (transport) {
                    case "jdk" -> Floors.jdk();
                    case "okhttp" -> Floors.okhttp();
                    default -> Floors.apache();
                };
                closing.add(http);
                Floors floors = new Floors(keys, fake.baseUrl(), Payloads.PATH + "?mchid=" + keys.mchid());
                all.add(subject(
                        "floor-" + transport, 1, () -> check(floors.call(http).tradeState())));
            }
        }
        if (wanted.test("ours-typed-jdk") || wanted.test("ours-chain-typed-record-jdk")) {
            WechatPay jdk = ours(fake, "jdk");
            PaymentsApi api = PaymentsApi.of(jdk);
            ByOutTradeNo.GetRequest typedQuery =
                    ByOutTradeNo.GetRequest.builder().mchid(keys.mchid()).build();
            all.add(subject(
                    "ours-typed-jdk",
                    1,
                    () -> check(api.v3()
                            .pay()
                            .transactions()
                            .outTradeNo(Payloads.OUT_TRADE_NO)
                            .get(typedQuery)
                            .tradeState()
                            .value())));
            all.add(subject(
                    "ours-chain-typed-record-jdk",
                    1,
                    () -> check(jdk.chain(path)
                            .get(query)
                            .as(io.github.wechatpay4j.api.model.Transaction.class)
                            .tradeState()
                            .value())));
        }
        if (wanted.test("notification-ours") || wanted.test("notification-crypto-floor")) {
            all.addAll(notifications(fake, keys));
        }
        if (wanted.test("official")) {
            all.add(official(fake, keys));
        }
        if (wanted.test("wxjava")) {
            all.add(wxjava(fake, keys));
        }
        all.removeIf(x -> !wanted.test(x.name()));
        for (Subject s : all) {
            s.invoke(); // each subject reads SUCCESS before anything is measured
        }
        return all;
    }

    private WechatPay ours(FakeWechatPay fake, String transport) {
        HttpTransportProvider provider = switch (transport) {
            case "jdk" -> new JdkHttpTransportProvider();
            case "okhttp" -> new OkHttpTransportProvider();
            default -> new ApacheHttpTransportProvider();
        };
        WechatPay client = fake.clientBuilder()
                .jsonCodec(new JacksonJsonCodec())
                .transportProvider(provider)
                .maxConnections(300)
                .build();
        closing.add(client);
        return client;
    }

    /**
     * A payment notification handled by {@link Notifications} (headers, window, RSA verify, AES-GCM, binding into
     * {@code TransactionSuccess}), and its {@link NotificationFloor crypto floor}. No I/O: the notification is signed
     * by the fake once, now, and stays within the five-minute window for the whole fork.
     */
    private static List<Subject> notifications(FakeWechatPay fake, TestKeys keys) throws Exception {
        FakeNotification n = fake.notification("TRANSACTION.SUCCESS", Payloads.TRANSACTION_JSON);
        Notifications parser = Notifications.of(
                PlatformKeys.builder()
                        .publicKey(keys.publicKeyId(), keys.platformKeys().getPublic())
                        .build(),
                ApiV3Key.of(keys.apiV3Key()),
                new JacksonJsonCodec());
        NotificationFloor floor = new NotificationFloor(n, keys.platformKeys().getPublic(), keys.apiV3Key());
        return List.of(
                subject("notification-ours", 1, () -> {
                    if (!(parser.parse(n.body(), n::header) instanceof TransactionSuccess paid)) {
                        throw new IllegalStateException("not a TransactionSuccess");
                    }
                    check(paid.transaction().tradeState());
                }),
                subject("notification-crypto-floor", 1, () -> {
                    if (floor.handle().length == 0) {
                        throw new IllegalStateException("nothing decrypted");
                    }
                }));
    }

    /** The official SDK on its default OkHttp client, binding into its own {@code Transaction}. */
    private static Subject official(FakeWechatPay fake, TestKeys keys) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(keys.mchid())
                .privateKey(keys.merchantKeys().getPrivate())
                .merchantSerialNumber(keys.merchantSerial())
                .publicKey(keys.platformKeys().getPublic())
                .publicKeyId(keys.publicKeyId())
                .apiV3Key(keys.apiV3Key())
                .build();
        com.wechat.pay.java.core.http.HttpClient client =
                new DefaultHttpClientBuilder().config(config).build();
        String url = fake.baseUrl() + Payloads.PATH + "?mchid=" + keys.mchid();
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        return subject(
                "official",
                1,
                () -> check(client.get(headers, url, com.wechat.pay.java.service.payments.model.Transaction.class)
                        .getServiceResponse()
                        .getTradeState()
                        .name()));
    }

    /**
     * WxJava on its Apache HttpClient 4, with the merchant's key files and the WeChat Pay public key as its users
     * configure them. WxJava signs only requests to a host ending in {@code .mch.weixin.qq.com}: the fake is reached
     * as {@code api.mch.weixin.qq.com} through the JVM's hosts file ({@code -Djdk.net.hosts.file}, set by
     * {@link Paired} for its forks).
     */
    private static Subject wxjava(FakeWechatPay fake, TestKeys keys) throws Exception {
        Path dir = Files.createTempDirectory("wxjava");
        dir.toFile().deleteOnExit();
        Path privateKey = Files.writeString(dir.resolve("apiclient_key.pem"), keys.merchantPrivateKeyPem());
        Path publicKey = Files.writeString(dir.resolve("pub_key.pem"), keys.platformPublicKeyPem());
        privateKey.toFile().deleteOnExit();
        publicKey.toFile().deleteOnExit();
        WxPayConfig config = new WxPayConfig();
        config.setMchId(keys.mchid());
        config.setAppId("wxd678efh567hg6787");
        config.setApiV3Key(keys.apiV3Key());
        config.setCertSerialNo(keys.merchantSerial());
        config.setPrivateKeyPath(privateKey.toString());
        config.setPublicKeyId(keys.publicKeyId());
        config.setPublicKeyPath(publicKey.toString());
        config.setPayBaseUrl(fake.baseUrl().replace("127.0.0.1", Paired.WECHAT_PAY_HOST));
        WxPayServiceImpl service = new WxPayServiceImpl();
        service.setConfig(config);
        return subject(
                "wxjava",
                1,
                () -> check(service.queryOrderV3(null, Payloads.OUT_TRADE_NO).getTradeState()));
    }

    private static void check(String tradeState) {
        if (!"SUCCESS".equals(tradeState)) {
            throw new IllegalStateException("the call read trade_state " + tradeState);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Subject subject(String name, int calls, Call call) {
        return new Subject() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int calls() {
                return calls;
            }

            @Override
            public void invoke() throws Exception {
                call.run();
            }
        };
    }

    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }
}
