package io.github.wechatpay4j.it;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.testkit.junit.WithFakeWechatPay;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fake WeChat Pay per test class (the testkit's JUnit extension starts and closes it, and resets faults, mode and
 * recorded requests around each test), real keys generated once, real HTTP over loopback.
 */
@WithFakeWechatPay
abstract class FakeServerTestBase {
    static TestKeys keys;
    static FakeWechatPay server;
    private final List<WechatPay> clients = new ArrayList<>();

    @BeforeAll
    static void injectServer(FakeWechatPay fake) {
        server = fake;
        keys = fake.keys();
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.forEach(WechatPay::close);
        clients.clear();
    }

    static JsonCodec codec(String name) {
        return switch (name) {
            case "jackson" -> new JacksonJsonCodec();
            case "gson" -> new GsonJsonCodec();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A client for the server's merchant with the named codec; closed after the test. */
    WechatPay client(String codec) {
        return track(server.clientBuilder().jsonCodec(codec(codec)).build());
    }

    WechatPay client() {
        return client("jackson");
    }

    WechatPay track(WechatPay client) {
        clients.add(client);
        return client;
    }

    /** The body the server received, parsed independently of the client's codec under test. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> receivedJson() {
        byte[] body = server.lastRequest().body();
        return new JacksonJsonCodec().read(body, Map.class);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
