package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.RetryPolicy;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.http.TransportOptions;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecProvider;
import io.github.wechatpay4j.observe.CallObserver;
import org.springframework.core.io.Resource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds {@link WechatPayClients} from the properties: one {@link ClientResources} (the transport, a bean of the
 * application's or one made from the chosen adapter; the JSON codec; the work pool and the certificate-refresh
 * scheduler, whose threads start when first needed), then each merchant's client on it. A problem is a
 * {@link ConfigurationException} that names the property to fix; nothing is left open behind it.
 */
final class ClientsFactory {
    private static final String JACKSON3 = "jackson3";

    private final ClassLoader loader;
    private final MerchantCallObservers observers;
    private final boolean applicationUsesJackson3;

    /**
     * @param applicationUsesJackson3 whether the application's own Jackson is Jackson 3 (a Spring Boot 4
     *                                {@code JsonMapper} bean): then the Jackson 3 adapter is chosen when present,
     *                                whatever the priorities say
     */
    ClientsFactory(ClassLoader loader, MerchantCallObservers observers, boolean applicationUsesJackson3) {
        this.loader = loader;
        this.observers = observers;
        this.applicationUsesJackson3 = applicationUsesJackson3;
    }

    WechatPayClients create(WechatPayProperties properties, HttpTransport givenTransport, JsonCodec givenCodec) {
        if (properties.merchants().isEmpty()) {
            throw new ConfigurationException("no merchant is configured: add wechatpay.merchants.<name>.merchant-id"
                    + " and the keys, or leave the starter out");
        }
        ClientResources.Builder resources =
                ClientResources.builder().jsonCodec(givenCodec != null ? givenCodec : codec(properties.json()));
        if (givenTransport != null) {
            resources.transport(givenTransport); // the application's bean: it stays the application's
        } else {
            resources.transportProvider(transportProvider(properties)).transportOptions(options(properties, null));
        }
        ClientResources shared = resources.build();
        Map<String, WechatPay> clients = new LinkedHashMap<>();
        List<HttpTransport> certified = new ArrayList<>();
        try {
            properties.merchants().forEach((name, merchant) -> {
                String prefix = "wechatpay.merchants." + name;
                WechatPay.Builder b = builder(prefix, merchant, shared, observers.of(name));
                if (merchant.usesApiV2()) {
                    if (!ApiV2Support.available(loader)) {
                        throw ApiV2Support.missing(prefix);
                    }
                    HttpTransport made = withPrefix(
                            prefix,
                            () -> ApiV2Support.configure(prefix, merchant, b, tls -> transport(properties, tls)));
                    if (made != null) {
                        certified.add(made);
                    }
                }
                clients.put(name, withPrefix(prefix, b::build));
            });
            return new WechatPayClients(clients, shared, certified);
        } catch (RuntimeException e) {
            clients.values().forEach(WechatPay::close);
            certified.forEach(HttpTransport::close);
            shared.close();
            throw e;
        }
    }

    /** Runs {@code step}; an SDK error gets the property prefix that says where to fix it. */
    private static <T> T withPrefix(String prefix, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigurationException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
                throw e;
            }
            throw new ConfigurationException(prefix + ": " + e.getMessage(), e);
        } catch (WechatPayException e) {
            // the SDK's message says what to fix; the property prefix says where
            throw new ConfigurationException(prefix + ": " + e.getMessage(), e);
        }
    }

    private WechatPay.Builder builder(
            String prefix, WechatPayProperties.Merchant m, ClientResources shared, CallObserver observer) {
        return withPrefix(prefix, () -> {
            WechatPay.Builder b = WechatPay.builder()
                    .merchantId(m.merchantId())
                    .merchantSerialNumber(m.merchantSerialNumber())
                    .resources(shared)
                    .callObserver(observer);
            String privateKey = text(m.privateKey(), m.privateKeyLocation(), prefix + ".private-key");
            if (privateKey == null) {
                throw new ConfigurationException(prefix + ".private-key (PEM text) or " + prefix
                        + ".private-key-location (a resource such as file:/etc/wechatpay/apiclient_key.pem) is"
                        + " required");
            }
            if (ShangMiSupport.available(loader)) {
                b.merchantKey(ShangMiSupport.merchantKey(privateKey)); // RSA or SM2, whichever the PEM holds
            } else {
                b.privateKey(privateKey);
            }
            String publicKey =
                    text(m.wechatpayPublicKey(), m.wechatpayPublicKeyLocation(), prefix + ".wechatpay-public-key");
            if (publicKey != null) {
                if (m.wechatpayPublicKeyId() == null) {
                    throw new ConfigurationException(prefix + ".wechatpay-public-key-id (PUB_KEY_ID_…) is required with"
                            + " the WeChat Pay public key");
                }
                b.wechatpayPublicKey(m.wechatpayPublicKeyId(), publicKey);
            }
            if (m.apiV3Key() != null) {
                b.apiV3Key(m.apiV3Key());
            }
            if (m.autoCertificates()) {
                b.autoCertificates();
            }
            if (m.baseUrl() != null) {
                b.baseUrl(m.baseUrl());
            }
            if (m.backupBaseUrl() != null) {
                b.backupBaseUrl(m.backupBaseUrl());
            }
            m.hosts().forEach(b::host);
            if (m.maxAttempts() != null) {
                b.retryPolicy(RetryPolicy.defaults().withMaxAttempts(m.maxAttempts()));
            }
            return b;
        });
    }

    /** The PEM text given inline or read from {@code location}, or {@code null} when neither is set. */
    private static String text(String inline, Resource location, String property) {
        if (inline != null && location != null) {
            throw new ConfigurationException("give " + property + " or " + property + "-location, not both");
        }
        if (inline != null) {
            return inline;
        }
        if (location == null) {
            return null;
        }
        try {
            return location.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(
                    property + "-location " + location.getDescription() + " cannot be read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private JsonCodec codec(String name) {
        List<JsonCodecProvider> found = ServiceLoader.load(JsonCodecProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        if (name == null && applicationUsesJackson3) {
            name = found.stream()
                    .map(JsonCodecProvider::name)
                    .filter(JACKSON3::equals)
                    .findFirst()
                    .orElse(null);
        }
        JsonCodecProvider chosen = choose(
                found,
                name,
                JsonCodecProvider::name,
                JsonCodecProvider::priority,
                "wechatpay.json",
                "io.github.wechatpay4j:wechatpay-json-jackson3 (or -jackson, -gson)");
        return chosen.create();
    }

    /** A transport of the chosen adapter with the shared settings and {@code tls} ({@code null}: the JDK's). */
    private HttpTransport transport(WechatPayProperties p, SSLContext tls) {
        return transportProvider(p).create(options(p, tls));
    }

    private HttpTransportProvider transportProvider(WechatPayProperties p) {
        List<HttpTransportProvider> found = ServiceLoader.load(HttpTransportProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        return choose(
                found,
                p.transport(),
                HttpTransportProvider::name,
                HttpTransportProvider::priority,
                "wechatpay.transport",
                "io.github.wechatpay4j:wechatpay-transport-jdk (or -okhttp, -apache)");
    }

    private static TransportOptions options(WechatPayProperties p, SSLContext tls) {
        return new TransportOptions(
                p.connectTimeout(),
                p.readTimeout(),
                null,
                tls,
                null,
                "wechatpay4j/" + WechatPay.VERSION + " spring-boot",
                p.maxConnections(),
                0);
    }

    private static <P> P choose(
            List<P> found,
            String name,
            java.util.function.Function<P, String> nameOf,
            java.util.function.ToIntFunction<P> priority,
            String property,
            String artifacts) {
        if (name != null) {
            return found.stream()
                    .filter(p -> nameOf.apply(p).equals(name))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException(
                            property + "=" + name + " names no adapter on the" + " class path; found: "
                                    + found.stream().map(nameOf).toList()));
        }
        return found.stream()
                .max(Comparator.comparingInt(priority).thenComparing(nameOf, Comparator.reverseOrder()))
                .orElseThrow(() -> new ConfigurationException(
                        "no adapter for " + property + " is on the class path:" + " add " + artifacts));
    }
}
