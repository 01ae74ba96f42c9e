package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.notification.TransactionSuccess;
import io.github.wechatpay4j.testkit.FakeNotification;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notification endpoint of an application with a database: what was handled is kept in the tracker's table, and
 * when the database cannot be asked, the notification is answered with a failure (WeChat Pay delivers it again)
 * instead of being handled blind.
 */
class JdbcNotificationEndpointTest {
    private static final TestKeys KEYS = TestKeys.generate("1900000111");
    private static final JdbcDataSource DATABASE = JdbcDeliveryTrackerTest.database();

    private static FakeWechatPay fake;
    private static ConfigurableApplicationContext app;
    private static URI endpoint;

    static final class Payments {
        final List<String> paid = new CopyOnWriteArrayList<>();

        @WechatPayListener("TRANSACTION.SUCCESS")
        void paid(TransactionSuccess event) {
            paid.add(event.transaction().outTradeNo());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Payments payments() {
            return new Payments();
        }

        @Bean
        JdbcDataSource dataSource() {
            return DATABASE;
        }
    }

    @BeforeAll
    static void start() {
        fake = FakeWechatPay.start(KEYS, FakeWechatPay.Mode.PUBLIC_KEY);
        app = TestApps.start(App.class, WebApplicationType.SERVLET, TestApps.merchant("main", KEYS, fake));
        endpoint = TestApps.base(app).resolve("/wechatpay/notifications/main");
    }

    @AfterAll
    static void stop() throws Exception {
        TestApps.close(app, fake);
    }

    private static FakeNotification paid(String outTradeNo) {
        return TestApps.paid(fake, outTradeNo);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DATABASE.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void handledNotificationsAreRowsAndADatabaseOutageIsAFailureReply() throws Exception {
        Payments payments = app.getBean(Payments.class);
        FakeNotification n = paid("JDBC-ORDER-1");
        assertEquals(204, n.postTo(endpoint).status());
        assertEquals(204, n.postTo(endpoint).status(), "a redelivery is acknowledged");
        assertEquals(List.of("JDBC-ORDER-1"), payments.paid);
        try (Connection c = DATABASE.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT state FROM wechatpay_notification WHERE notification_id = '" + n.id() + "'")) {
            assertTrue(r.next());
            assertEquals("DONE", r.getString(1));
        }

        sql("ALTER TABLE wechatpay_notification RENAME TO wechatpay_notification_away");
        FakeNotification during = paid("JDBC-ORDER-2");
        try {
            FakeNotification.Delivery refused = during.postTo(endpoint);
            assertEquals(503, refused.status());
            assertEquals(List.of("JDBC-ORDER-1"), payments.paid, "not handled while it cannot be tracked");
        } finally {
            sql("ALTER TABLE wechatpay_notification_away RENAME TO wechatpay_notification");
        }
        assertEquals(204, during.postTo(endpoint).status(), "delivered again once the database is back");
        assertEquals(List.of("JDBC-ORDER-1", "JDBC-ORDER-2"), payments.paid);
    }
}
