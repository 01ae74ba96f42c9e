package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.notification.DeliveryTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * The {@link DeliveryTracker} the notification endpoint skips redeliveries with, unless the application defines one:
 * {@link JdbcDeliveryTracker} over the application's only {@link DataSource} (its table checked, or created on an
 * embedded database, when the application starts), or a bounded in-memory one, as
 * {@code wechatpay.delivery-tracker.*} says.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryTrackerConfiguration {
    private static final System.Logger LOG = System.getLogger(DeliveryTrackerConfiguration.class.getName());

    @Bean
    @ConditionalOnMissingBean
    DeliveryTracker wechatPayDeliveryTracker(WechatPayProperties properties, ObjectProvider<DataSource> dataSources) {
        WechatPayProperties.DeliveryTrackerSettings settings = properties.deliveryTracker();
        if (!Set.of("auto", "jdbc", "memory").contains(settings.type())) {
            throw new ConfigurationException(
                    "wechatpay.delivery-tracker.type must be auto, jdbc or memory, got '" + settings.type() + "'");
        }
        DataSource dataSource = settings.type().equals("memory") ? null : dataSources.getIfUnique();
        if (dataSource == null) {
            if (settings.type().equals("jdbc")) {
                throw new ConfigurationException("wechatpay.delivery-tracker.type=jdbc needs exactly one DataSource"
                        + " bean; define one, or define your own DeliveryTracker bean");
            }
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "WeChat Pay notifications are de-duplicated in memory (one instance only)");
            return DeliveryTracker.inMemory(settings.capacity());
        }
        return jdbc(settings, dataSource);
    }

    private static JdbcDeliveryTracker jdbc(
            WechatPayProperties.DeliveryTrackerSettings settings, DataSource dataSource) {
        JdbcDeliveryTracker tracker = new JdbcDeliveryTracker(
                dataSource, settings.table(), settings.lease(), settings.retention(), Clock.systemUTC());
        String problem = tracker.probe();
        if (problem == null) {
            return tracker;
        }
        boolean create = switch (settings.initializeSchema()) {
            case "always" -> true;
            case "never" -> false;
            case "embedded" -> isEmbedded(dataSource);
            default ->
                throw new ConfigurationException(
                        "wechatpay.delivery-tracker.initialize-schema must be embedded, always or never, got '"
                                + settings.initializeSchema() + "'");
        };
        if (!create) {
            throw new ConfigurationException("the WeChat Pay delivery tracker's table " + settings.table()
                    + " cannot be read (" + problem + "): create it with " + JdbcDeliveryTracker.SCHEMA
                    + " from wechatpay-spring-boot-autoconfigure, set wechatpay.delivery-tracker.initialize-schema=always,"
                    + " or wechatpay.delivery-tracker.type=memory for a single instance");
        }
        tracker.createTable();
        LOG.log(System.Logger.Level.INFO, "created the WeChat Pay delivery tracker's table " + settings.table());
        return tracker;
    }

    /** An in-memory database (H2, HSQLDB, Derby), which has no table until the application makes it. */
    private static boolean isEmbedded(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL().toLowerCase(Locale.ROOT);
            return url.startsWith("jdbc:h2:mem:")
                    || url.startsWith("jdbc:hsqldb:mem:")
                    || url.startsWith("jdbc:derby:memory:");
        } catch (SQLException e) {
            return false;
        }
    }
}
