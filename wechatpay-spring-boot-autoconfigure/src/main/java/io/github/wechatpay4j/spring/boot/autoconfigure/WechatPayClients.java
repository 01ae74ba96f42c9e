package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.HttpTransport;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's WeChat Pay clients, one per configured merchant, by the name under {@code wechatpay.merchants}
 * and by merchant ID. They share one {@link ClientResources} (the HTTP transport, JSON codec, work pool and
 * certificate-refresh scheduler), which {@link #close()} (called by Spring when the context closes) releases after
 * closing every client. Immutable and thread-safe.
 */
public final class WechatPayClients implements AutoCloseable {
    private final Map<String, WechatPay> byName;
    private final Map<String, WechatPay> byMerchantId;
    private final ClientResources shared;
    private final List<HttpTransport> certificateTransports;

    WechatPayClients(Map<String, WechatPay> byName, ClientResources shared, List<HttpTransport> certificateTransports) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        Map<String, WechatPay> ids = new LinkedHashMap<>();
        byName.forEach((name, client) -> {
            WechatPay other = ids.putIfAbsent(client.merchantId(), client);
            if (other != null) {
                throw new ConfigurationException("merchant ID " + client.merchantId() + " is configured twice, under"
                        + " wechatpay.merchants." + nameOf(byName, other) + " and wechatpay.merchants." + name
                        + ": configure each merchant once");
            }
        });
        this.byMerchantId = Collections.unmodifiableMap(ids);
        this.shared = shared;
        this.certificateTransports = List.copyOf(certificateTransports);
    }

    private static String nameOf(Map<String, WechatPay> byName, WechatPay client) {
        return byName.entrySet().stream()
                .filter(e -> e.getValue() == client)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("?");
    }

    /**
     * The client of the merchant configured under {@code wechatpay.merchants.<name>}.
     *
     * @throws ConfigurationException naming the configured merchants when there is none of that name
     */
    public WechatPay get(String name) {
        WechatPay client = byName.get(name);
        if (client == null) {
            throw new ConfigurationException(
                    "no merchant is configured as wechatpay.merchants." + name + "; configured: " + byName.keySet());
        }
        return client;
    }

    /**
     * The client of merchant ID {@code merchantId} (a notification's {@code mchid}, say).
     *
     * @throws ConfigurationException when no configured merchant has that ID
     */
    public WechatPay byMerchantId(String merchantId) {
        WechatPay client = byMerchantId.get(merchantId);
        if (client == null) {
            throw new ConfigurationException("no configured merchant has the merchant ID " + merchantId
                    + "; configured: " + byMerchantId.keySet());
        }
        return client;
    }

    /** The names the merchants are configured under, in configuration order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Every client, in configuration order. */
    public Collection<WechatPay> all() {
        return byName.values();
    }

    /** The transport every client sends through. */
    public HttpTransport transport() {
        return shared.transport();
    }

    /**
     * The only client, when exactly one merchant is configured.
     *
     * @throws ConfigurationException when there are none or several: ask by name instead
     */
    public WechatPay only() {
        if (byName.size() != 1) {
            throw new ConfigurationException("the application configures " + byName.size() + " merchants "
                    + byName.keySet() + ": ask WechatPayClients for one by name or merchant ID");
        }
        return byName.values().iterator().next();
    }

    /** What every merchant's client shares: the transport, JSON codec, work pool and certificate scheduler. */
    public ClientResources resources() {
        return shared;
    }

    /**
     * Closes every client, the merchants' client-certificate transports, then the shared resources (the transport
     * only when it was made here, not an application's bean).
     */
    @Override
    public void close() {
        byName.values().forEach(WechatPay::close);
        certificateTransports.forEach(HttpTransport::close);
        shared.close();
    }

    @Override
    public String toString() {
        return "WechatPayClients" + byName.keySet();
    }
}
