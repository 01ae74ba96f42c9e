package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.notification.DeliveryTracker;
import io.github.wechatpay4j.notification.DeliveryTracker.Claim;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JdbcDeliveryTracker} on a real database (H2 in memory): the same three states as the in-memory tracker,
 * one winner among concurrent claims, a crashed instance's claim taken over after its lease, old rows purged, and
 * the schema checked or created when the application starts.
 */
class JdbcDeliveryTrackerTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-30T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();

    static JdbcDataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:wechatpay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private JdbcDeliveryTracker tracker(JdbcDataSource ds) {
        JdbcDeliveryTracker tracker =
                new JdbcDeliveryTracker(ds, "wechatpay_notification", LEASE, Duration.ofDays(7), clock);
        tracker.createTable();
        return tracker;
    }

    private static int rows(JdbcDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM wechatpay_notification")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void claimCompleteAndReleaseBehaveAsTheInMemoryTrackerDoes() {
        for (DeliveryTracker t : List.of(tracker(database()), DeliveryTracker.inMemory(100))) {
            assertEquals(Claim.CLAIMED, t.claim("n-1"), t::toString);
            assertEquals(Claim.IN_PROGRESS, t.claim("n-1"), t::toString);
            t.complete("n-1");
            assertEquals(Claim.DONE, t.claim("n-1"), t::toString);

            assertEquals(Claim.CLAIMED, t.claim("n-2"), t::toString);
            t.release("n-2");
            assertEquals(Claim.CLAIMED, t.claim("n-2"), "released, so the next delivery is handled: " + t);
            t.release("n-1"); // releasing a done notification changes nothing
            assertEquals(Claim.DONE, t.claim("n-1"), t::toString);
        }
    }

    @Test
    void concurrentDeliveriesOfOneNotificationHaveOneWinner() throws Exception {
        JdbcDeliveryTracker tracker = tracker(database());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "race-" + round;
                List<Callable<Claim>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    claims.add(() -> tracker.claim(id));
                }
                long winners = 0;
                for (Future<Claim> f : pool.invokeAll(claims)) {
                    if (f.get() == Claim.CLAIMED) {
                        winners++;
                    }
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimLeftByACrashedInstanceIsTakenOverAfterItsLease() {
        JdbcDeliveryTracker tracker = tracker(database());
        assertEquals(Claim.CLAIMED, tracker.claim("crashed"));
        clock.now = clock.now.plus(LEASE).minusSeconds(1);
        assertEquals(Claim.IN_PROGRESS, tracker.claim("crashed"));
        clock.now = clock.now.plusSeconds(2);
        assertEquals(Claim.CLAIMED, tracker.claim("crashed"), "the lease ran out");
        assertEquals(Claim.IN_PROGRESS, tracker.claim("crashed"), "and the new claim holds");
    }

    @Test
    void handledNotificationsPastTheRetentionAreDeleted() throws Exception {
        JdbcDataSource ds = database();
        JdbcDeliveryTracker tracker = tracker(ds);
        tracker.claim("old");
        tracker.complete("old");
        clock.now = clock.now.plus(Duration.ofDays(8));
        tracker.claim("new"); // the first claim after an hour purges
        assertEquals(1, rows(ds));
        assertEquals(Claim.CLAIMED, tracker.claim("old"), "forgotten after the retention");
    }

    @Test
    void aDatabaseThatFailsIsATypedErrorNamingTheStepAndTable() {
        JdbcDataSource ds = database();
        JdbcDeliveryTracker tracker =
                new JdbcDeliveryTracker(ds, "wechatpay_notification", LEASE, Duration.ofDays(7), clock);
        WechatPayException e = assertThrows(WechatPayException.class, () -> tracker.claim("n"));
        assertTrue(
                e.getMessage().contains("could not claim notification n in table wechatpay_notification"),
                e.getMessage());
        assertTrue(tracker.probe() != null, "the missing table is found before any notification arrives");
    }

    @Test
    void theTableNameIsAPlainIdentifier() {
        JdbcDataSource ds = database();
        for (String bad : new String[] {"", "x; DROP TABLE y", "a-b", "t where 1=1", "a.b.c"}) {
            assertThrows(
                    ConfigurationException.class,
                    () -> new JdbcDeliveryTracker(ds, bad, LEASE, Duration.ofDays(7), clock),
                    bad);
        }
        JdbcDeliveryTracker renamed = new JdbcDeliveryTracker(ds, "PUBLIC.wp_seen", LEASE, Duration.ofDays(7), clock);
        renamed.createTable();
        assertEquals(Claim.CLAIMED, renamed.claim("n"));
    }

    @Test
    void theSchemaIsOneCreateTableStatement() {
        String sql = JdbcDeliveryTracker.schema();
        assertTrue(sql.startsWith("CREATE TABLE wechatpay_notification ("), sql);
        assertTrue(!sql.contains("--"), "comments are left out: " + sql);
    }
}
