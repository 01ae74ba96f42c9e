package io.github.wechatpay4j.spring.boot.autoconfigure;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The merchants' health on Spring Boot 4, where health moved to {@code org.springframework.boot.health}. */
final class Boot4Health {
    private Boot4Health() {}

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
