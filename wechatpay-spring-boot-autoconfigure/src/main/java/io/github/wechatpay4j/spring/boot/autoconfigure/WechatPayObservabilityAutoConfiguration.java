package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.observe.CallObserver;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The actuator side of the starter, on whichever Spring Boot line runs it: a health contributor {@code wechatpay}
 * with one indicator per merchant ({@code /actuator/health/wechatpay/<merchant>}; off with
 * {@code management.health.wechatpay.enabled=false}), and Micrometer observations of every call when an
 * {@code ObservationRegistry} is present.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class)
public class WechatPayObservabilityAutoConfiguration {

    /** Spring Boot 3's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnBean(WechatPayClients.class)
    @ConditionalOnProperty(prefix = "management.health.wechatpay", name = "enabled", matchIfMissing = true)
    static class Boot3HealthConfiguration {
        @Bean
        org.springframework.boot.actuate.health.CompositeHealthContributor wechatpayHealthContributor(
                WechatPayClients clients) {
            return Boot3Health.of(clients, Clock.systemUTC());
        }
    }

    /** Spring Boot 4's health API, which moved to {@code org.springframework.boot.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnBean(WechatPayClients.class)
    @ConditionalOnProperty(prefix = "management.health.wechatpay", name = "enabled", matchIfMissing = true)
    static class Boot4HealthConfiguration {
        @Bean
        org.springframework.boot.health.contributor.CompositeHealthContributor wechatpayHealthContributor(
                WechatPayClients clients) {
            return Boot4Health.of(clients, Clock.systemUTC());
        }
    }

    /**
     * Micrometer observations of the calls, when Micrometer is on the class path; the registry is looked up when the
     * clients are made, so without one (or with a no-op one) nothing is observed.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    static class ObservationConfiguration {
        @Bean
        MerchantCallObservers wechatpayCallObservers(ObjectProvider<ObservationRegistry> registries) {
            return name -> {
                ObservationRegistry registry = registries.getIfAvailable();
                return registry == null || registry.isNoop()
                        ? CallObserver.NONE
                        : new MicrometerCallObserver(registry, name);
            };
        }
    }
}
