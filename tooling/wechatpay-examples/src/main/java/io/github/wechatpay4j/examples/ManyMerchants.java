package io.github.wechatpay4j.examples;

import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.WechatPay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A platform that calls WeChat Pay for many merchants (a SaaS for shops, a service provider's merchants): one
 * {@link ClientResources} for all of them, so that a thousand merchants share one transport, one JSON codec and one
 * set of threads; each merchant's client built on first use from your own store, and kept.
 */
public final class ManyMerchants implements AutoCloseable {
    private final ClientResources shared = ClientResources.create();
    private final Map<String, WechatPay> clients = new ConcurrentHashMap<>();
    private final Function<String, WechatPay.Builder> merchants;

    /** {@code merchants}: a builder with the merchant's ID, serial and keys, read from where you keep them. */
    public ManyMerchants(Function<String, WechatPay.Builder> merchants) {
        this.merchants = merchants;
    }

    /** The client of {@code merchantId}, built the first time it is asked for. */
    public WechatPay client(String merchantId) {
        return clients.computeIfAbsent(
                merchantId, id -> merchants.apply(id).resources(shared).build());
    }

    /** After a merchant leaves or changes its keys: the next call builds its client afresh. */
    public void forget(String merchantId) {
        WechatPay gone = clients.remove(merchantId);
        if (gone != null) {
            gone.close();
        }
    }

    /** The transport, codec and threads every merchant's client shares. */
    public ClientResources resources() {
        return shared;
    }

    @Override
    public void close() {
        clients.values().forEach(WechatPay::close);
        clients.clear();
        shared.close();
    }
}
