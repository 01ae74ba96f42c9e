package io.github.wechatpay4j.spring.boot.test;

import io.github.wechatpay4j.testkit.FakeWechatPay;

import java.util.Map;
import java.util.Set;

/** The fakes {@link AutoConfigureFakeWechatPay} started, by merchant name; a bean of the test context. */
public final class FakeWechatPays {
    private final Map<String, FakeWechatPay> byMerchant;

    FakeWechatPays(Map<String, FakeWechatPay> byMerchant) {
        this.byMerchant = Map.copyOf(byMerchant);
    }

    /**
     * The fake merchant {@code name} talks to.
     *
     * @throws IllegalArgumentException when no fake was started for that name
     */
    public FakeWechatPay get(String name) {
        FakeWechatPay fake = byMerchant.get(name);
        if (fake == null) {
            throw new IllegalArgumentException(
                    "no fake WeChat Pay for merchant '" + name + "'; started for " + byMerchant.keySet());
        }
        return fake;
    }

    /** The merchant names with a fake. */
    public Set<String> merchants() {
        return byMerchant.keySet();
    }

    void clearFaults() {
        byMerchant.values().forEach(FakeWechatPay::clearFaults);
    }

    void close() {
        byMerchant.values().forEach(FakeWechatPay::close);
    }

    @Override
    public String toString() {
        return "FakeWechatPays" + byMerchant.keySet();
    }
}
