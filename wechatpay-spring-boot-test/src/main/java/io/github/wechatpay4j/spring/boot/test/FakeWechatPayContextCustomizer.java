package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the fakes of one {@link AutoConfigureFakeWechatPay} for a test context, puts their properties first among
 * the context's property sources and the fakes among its beans, and closes them with the context. Equal for equal
 * annotations, so that Spring's context cache shares a context (and its fakes) between such test classes.
 */
final class FakeWechatPayContextCustomizer implements ContextCustomizer {
    static final String PROPERTY_SOURCE = "wechatpayFakes";

    private final List<String> merchants;
    private final FakeWechatPay.Mode mode;

    FakeWechatPayContextCustomizer(AutoConfigureFakeWechatPay annotation) {
        this.merchants = List.copyOf(Arrays.asList(annotation.merchants()));
        this.mode = annotation.mode();
        if (merchants.isEmpty() || merchants.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("@AutoConfigureFakeWechatPay needs merchant names, got " + merchants);
        }
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, FakeWechatPay> fakes = new LinkedHashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            for (int i = 0; i < merchants.size(); i++) {
                String name = merchants.get(i);
                TestKeys keys = TestKeys.generate(String.valueOf(1_900_000_001L + i));
                FakeWechatPay fake = FakeWechatPay.start(keys, mode);
                fakes.put(name, fake);
                properties.putAll(properties(name, keys, fake));
                properties.putAll(apiV2(name, fake, context.getEnvironment()));
            }
        } catch (RuntimeException e) {
            fakes.values().forEach(FakeWechatPay::close);
            throw e;
        }
        FakeWechatPays all = new FakeWechatPays(fakes);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton("fakeWechatPays", all);
        if (fakes.size() == 1) {
            context.getBeanFactory()
                    .registerSingleton(
                            "fakeWechatPay", fakes.values().iterator().next());
        }
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                all.close();
            }
        });
    }

    /** The merchant's properties: everything the client needs to talk to {@code fake}, overriding the application's. */
    private Map<String, Object> properties(String name, TestKeys keys, FakeWechatPay fake) {
        String p = "wechatpay.merchants." + name + ".";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(p + "merchant-id", keys.mchid());
        m.put(p + "merchant-serial-number", keys.merchantSerial());
        m.put(p + "private-key", keys.merchantPrivateKeyPem());
        m.put(p + "private-key-location", "");
        m.put(p + "api-v3-key", keys.apiV3Key());
        m.put(p + "base-url", fake.baseUrl());
        m.put(p + "backup-base-url", "");
        m.put(p + "wechatpay-public-key-location", "");
        if (mode == FakeWechatPay.Mode.PUBLIC_KEY) {
            m.put(p + "wechatpay-public-key-id", keys.publicKeyId());
            m.put(p + "wechatpay-public-key", keys.platformPublicKeyPem());
            m.put(p + "auto-certificates", "false");
        } else {
            m.put(p + "wechatpay-public-key-id", "");
            m.put(p + "wechatpay-public-key", "");
            m.put(p + "auto-certificates", "true");
        }
        return m;
    }

    /**
     * When the application gives the merchant an APIv2 key, the fake's instead (so that its APIv2 answers and
     * notifications verify); the client certificate is left out, as the fake's plain port cannot take it: the
     * secured APIv2 calls are refused before sending, with the message that says so.
     */
    private static Map<String, Object> apiV2(String name, FakeWechatPay fake, Environment environment) {
        String p = "wechatpay.merchants." + name + ".";
        String configured = environment.getProperty(p + "api-v2-key");
        if (configured == null || configured.isBlank()) {
            return Map.of();
        }
        return Map.of(p + "api-v2-key", fake.apiV2Key(), p + "client-certificate-location", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeWechatPayContextCustomizer other
                && merchants.equals(other.merchants)
                && mode == other.mode;
    }

    @Override
    public int hashCode() {
        return merchants.hashCode() * 31 + mode.hashCode();
    }
}
