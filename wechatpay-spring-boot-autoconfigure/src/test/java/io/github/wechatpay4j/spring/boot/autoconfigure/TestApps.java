package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What the tests' real applications share: merchant arguments, starting on a free port, a paid notification. */
final class TestApps {
    private TestApps() {}

    /** The arguments configuring merchant {@code name} with {@code keys} and the WeChat Pay public key. */
    static List<String> merchant(String name, TestKeys keys) {
        String p = "--wechatpay.merchants." + name + ".";
        return List.of(
                p + "merchant-id=" + keys.mchid(),
                p + "merchant-serial-number=" + keys.merchantSerial(),
                p + "private-key=" + keys.merchantPrivateKeyPem(),
                p + "wechatpay-public-key-id=" + keys.publicKeyId(),
                p + "wechatpay-public-key=" + keys.platformPublicKeyPem());
    }

    /** {@link #merchant} with the APIv3 key, talking to {@code fake}. */
    static List<String> merchant(String name, TestKeys keys, FakeWechatPay fake) {
        List<String> args = new ArrayList<>(merchant(name, keys));
        args.add("--wechatpay.merchants." + name + ".api-v3-key=" + keys.apiV3Key());
        args.add("--wechatpay.merchants." + name + ".base-url=" + fake.baseUrl());
        return args;
    }

    /** Starts {@code app} as a {@code type} application on a free port with these arguments (lists or strings). */
    static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type, Object... args) {
        List<String> all = new ArrayList<>();
        all.add("--server.port=0");
        for (Object a : args) {
            if (a instanceof List<?> list) {
                list.forEach(x -> all.add(String.valueOf(x)));
            } else {
                all.add(String.valueOf(a));
            }
        }
        return new SpringApplicationBuilder(app).web(type).run(all.toArray(String[]::new));
    }

    /** Where the started application listens. */
    static URI base(ConfigurableApplicationContext app) {
        return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }

    /** A TRANSACTION.SUCCESS notification of 1 yuan for {@code outTradeNo}, signed and encrypted by {@code fake}. */
    static FakeNotification paid(FakeWechatPay fake, String outTradeNo) {
        return fake.notification(
                "TRANSACTION.SUCCESS",
                "{\"mchid\":\"" + fake.keys().mchid() + "\",\"appid\":\"wxd678efh567hg6787\",\"out_trade_no\":\""
                        + outTradeNo + "\",\"transaction_id\":\"4200000000000000000000" + outTradeNo.length()
                        + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100,\"payer_total\":100,"
                        + "\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}");
    }

    /** Closes what is not null. */
    static void close(AutoCloseable... all) throws Exception {
        for (AutoCloseable c : all) {
            if (c != null) {
                c.close();
            }
        }
    }
}
