package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.v2.ApiV2Key;
import io.github.wechatpay4j.v2.ApiV2Notification;
import io.github.wechatpay4j.v2.ApiV2Notifications;
import io.github.wechatpay4j.v2.ApiV2Reply;
import io.github.wechatpay4j.v2.ApiV2Scheme;
import io.github.wechatpay4j.v2.ClientCertificate;
import io.github.wechatpay4j.v2.SignType;
import org.springframework.util.ClassUtils;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * The starter's APIv2 side, the only class that sees {@code wechatpay-v2} (an optional dependency; every use is
 * guarded by {@link #available}): a merchant's {@code v2/…} scheme and client certificate from its properties, its
 * APIv2 notification handling, and which listener parameters are APIv2 events.
 */
final class ApiV2Support {
    private static final String MODULE = "io.github.wechatpay4j:wechatpay-v2";

    private ApiV2Support() {}

    /** Whether {@code wechatpay-v2} is on the class path. */
    static boolean available(ClassLoader loader) {
        return ClassUtils.isPresent("io.github.wechatpay4j.v2.ApiV2Scheme", loader);
    }

    /**
     * Gives {@code builder} the merchant's APIv2 scheme and, when configured, its client certificate through a
     * transport from {@code transports} (given the certificate's TLS context).
     *
     * @return the client-certificate transport made, which the caller closes; {@code null} when none was made
     */
    static HttpTransport configure(
            String prefix,
            WechatPayProperties.Merchant m,
            WechatPay.Builder builder,
            Function<SSLContext, HttpTransport> transports) {
        if (m.apiV2Key() == null) {
            throw new ConfigurationException(prefix + ".api-v2-key is required with the other APIv2 settings: the APIv2"
                    + " key (APIv2密钥, 32 characters) set on the merchant platform, not the APIv3 key");
        }
        builder.scheme(
                ApiV2Scheme.SEGMENT,
                ApiV2Scheme.factory(ApiV2Key.of(m.apiV2Key()), signType(prefix, m), m.apiV2Appid()));
        if (m.clientCertificateLocation() == null) {
            return null;
        }
        byte[] p12;
        try (InputStream in = m.clientCertificateLocation().getInputStream()) {
            p12 = in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException(
                    prefix + ".client-certificate-location "
                            + m.clientCertificateLocation().getDescription() + " cannot be read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        String password = m.clientCertificatePassword() != null ? m.clientCertificatePassword() : m.merchantId();
        SSLContext tls;
        try {
            tls = ClientCertificate.fromPkcs12(p12, password, null);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(prefix + ".client-certificate-location: " + e.getMessage(), e);
        }
        HttpTransport transport = transports.apply(tls);
        builder.clientCertificateTransport(transport);
        return transport;
    }

    private static SignType signType(String prefix, WechatPayProperties.Merchant m) {
        if (m.apiV2SignType() == null) {
            return SignType.MD5;
        }
        return SignType.fromWire(m.apiV2SignType().strip())
                .orElseThrow(() -> new ConfigurationException(
                        prefix + ".api-v2-sign-type must be MD5 or HMAC-SHA256, not '" + m.apiV2SignType() + "'"));
    }

    /** Whether a listener parameter of {@code type} takes APIv2 events. */
    static boolean isEvent(Class<?> type) {
        return ApiV2Notification.class.isAssignableFrom(type);
    }

    /**
     * The merchant's APIv2 notification handling with {@code tracker}: verifies or decrypts a body, hands the event
     * to {@code dispatch} (its event type, id, the event), and answers as WeChat Pay expects (XML).
     */
    static NotificationParsers.ApiV2Endpoint endpoint(
            WechatPayProperties.Merchant m, String prefix, DeliveryTracker tracker) {
        if (m.apiV2Key() == null) {
            return null;
        }
        ApiV2Notifications notifications = ApiV2Notifications.of(
                        m.merchantId(), ApiV2Key.of(m.apiV2Key()), signType(prefix, m))
                .withDeliveryTracker(tracker);
        return (body, dispatch) -> {
            ApiV2Reply reply = notifications.handle(body, n -> dispatch.accept(n.eventType(), n.id(), n));
            return new NotificationParsers.Reply(reply.status(), ApiV2Reply.CONTENT_TYPE, reply.bodyBytes());
        };
    }

    /** The message for APIv2 settings without the module. */
    static ConfigurationException missing(String prefix) {
        return new ConfigurationException(prefix + " configures APIv2 (api-v2-key, client-certificate-location…):"
                + " add " + MODULE + " to the application's dependencies");
    }
}
