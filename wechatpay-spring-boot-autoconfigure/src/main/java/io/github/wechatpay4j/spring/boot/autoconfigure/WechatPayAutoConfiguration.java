package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.api.WechatPayApi;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.notification.DeliveryTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import java.util.Map;

/**
 * One {@link WechatPay} per merchant configured under {@code wechatpay.merchants}, in {@link WechatPayClients}; with
 * exactly one merchant, also that client as a plain {@code WechatPay} bean (and {@code WechatPayApi} when the typed API
 * is present). An {@link HttpTransport} or {@link JsonCodec} bean of the application's is used instead of the one the
 * starter makes. A configuration problem stops the context with the SDK's message ({@link WechatPayFailureAnalyzer}).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration", // Boot 3
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" // Boot 4
        })
@ConditionalOnClass(WechatPay.class)
@ConditionalOnProperty(prefix = "wechatpay", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(WechatPayProperties.class)
@Import(DeliveryTrackerConfiguration.class)
public class WechatPayAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WechatPayClients wechatPayClients(
            WechatPayProperties properties,
            ObjectProvider<HttpTransport> transport,
            ObjectProvider<JsonCodec> codec,
            ObjectProvider<MerchantCallObservers> observers,
            org.springframework.core.io.ResourceLoader resources,
            org.springframework.beans.factory.ListableBeanFactory beans) {
        ClassLoader loader = resources.getClassLoader() != null
                ? resources.getClassLoader()
                : WechatPayAutoConfiguration.class.getClassLoader();
        return new ClientsFactory(
                        loader, observers.getIfAvailable(() -> MerchantCallObservers.NONE), usesJackson3(beans, loader))
                .create(properties, transport.getIfUnique(), codec.getIfUnique());
    }

    /** Whether the application's Jackson is Jackson 3: Spring Boot 4 made it a {@code JsonMapper} bean. */
    private static boolean usesJackson3(
            org.springframework.beans.factory.ListableBeanFactory beans, ClassLoader loader) {
        String mapper = "tools.jackson.databind.json.JsonMapper";
        if (!org.springframework.util.ClassUtils.isPresent(mapper, loader)) {
            return false;
        }
        return beans.getBeanNamesForType(
                                org.springframework.util.ClassUtils.resolveClassName(mapper, loader), true, false)
                        .length
                > 0;
    }

    /** The only merchant's client; closed by {@link WechatPayClients}, not by Spring a second time. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @Conditional(OneMerchantCondition.class)
    WechatPay wechatPay(WechatPayClients clients) {
        return clients.only();
    }

    /**
     * The notification endpoint on a servlet web application: {@code POST <wechatpay.notification-path>/<merchant>}
     * (default {@code /wechatpay/notifications/<merchant>}), dispatching to {@link WechatPayListener} methods, with
     * redeliveries skipped by the {@link DeliveryTracker} bean (see {@link DeliveryTrackerConfiguration}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(
            name = {
                "org.springframework.web.servlet.handler.SimpleUrlHandlerMapping",
                "jakarta.servlet.http.HttpServletRequest"
            })
    static class ServletNotifications {
        @Bean
        static NotificationListeners wechatPayNotificationListeners(ApplicationContext context) {
            return new NotificationListeners(context);
        }

        @Bean
        SimpleUrlHandlerMapping wechatPayNotificationMapping(
                WechatPayClients clients,
                DeliveryTracker tracker,
                NotificationListeners listeners,
                WechatPayProperties properties) {
            NotificationParsers parsers = new NotificationParsers(clients, tracker, properties);
            NotificationEndpoint endpoint = new NotificationEndpoint(parsers, listeners);
            SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
                    Map.of(parsers.prefix() + "/*", endpoint, parsers.prefix() + "/*/v2", endpoint));
            mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return mapping;
        }
    }

    /** The same endpoint on a WebFlux application, as a router function. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
    static class ReactiveNotifications {
        @Bean
        static NotificationListeners wechatPayNotificationListeners(ApplicationContext context) {
            return new NotificationListeners(context);
        }

        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<
                        org.springframework.web.reactive.function.server.ServerResponse>
                wechatPayNotificationRoutes(
                        WechatPayClients clients,
                        DeliveryTracker tracker,
                        NotificationListeners listeners,
                        WechatPayProperties properties) {
            return new ReactiveNotificationEndpoint(new NotificationParsers(clients, tracker, properties), listeners)
                    .routes();
        }
    }

    /** The typed API over the only merchant's client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.github.wechatpay4j.api.WechatPayApi")
    @Conditional(OneMerchantCondition.class)
    static class TypedApi {
        @Bean
        @ConditionalOnMissingBean
        WechatPayApi wechatPayApi(WechatPay client) {
            return WechatPayApi.of(client);
        }
    }
}
