package io.github.wechatpay4j.spring.boot.autoconfigure;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The merchants' health on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3Health {
    private Boot3Health() {}

    /** One indicator per merchant, by its configured name, under one composite. */
    static CompositeHealthContributor of(WechatPayClients clients, Clock clock) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (String name : clients.names()) {
            indicators.put(name, () -> {
                MerchantHealth h = MerchantHealth.of(clients.get(name), clock);
                return (h.up() ? Health.up() : Health.down())
                        .withDetails(h.details())
                        .build();
            });
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
