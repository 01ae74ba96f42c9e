package io.github.wechatpay4j.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A shop on the wechatpay4j starter: the merchant is configured under {@code wechatpay.merchants.main} (see
 * {@code application.properties}), the client is injected, and the notifications arrive at
 * {@code /wechatpay/notifications/main} and reach {@link PaymentListeners}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShopApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
