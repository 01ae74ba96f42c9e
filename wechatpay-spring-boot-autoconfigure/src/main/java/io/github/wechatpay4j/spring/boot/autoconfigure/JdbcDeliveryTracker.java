package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.ConfigurationException;
import io.github.wechatpay4j.WechatPayException;
import io.github.wechatpay4j.notification.DeliveryTracker;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A {@link DeliveryTracker} in a database table, so that the instances of an application share what was handled: a
 * notification is claimed by inserting its row (the primary key lets one insert win), completed by marking it done,
 * released by deleting it. A claim older than the lease (its handler's instance crashed) may be taken over. Done rows
 * older than the retention are deleted now and then, by the instance that notices first.
 *
 * <p>The table is {@code delivery-tracker-schema.sql} next to this class. Plain JDBC, one short statement per step on
 * its own connection, outside any transaction of the application's. A database error is thrown as a
 * {@link WechatPayException} that names the step and the table: the notification is then answered with a failure and WeChat Pay delivers it again.
 */
public final class JdbcDeliveryTracker implements DeliveryTracker {
    /** Where the schema is, on the class path. */
    public static final String SCHEMA = "io/github/wechatpay4j/spring/boot/autoconfigure/delivery-tracker-schema.sql";

    private static final System.Logger LOG = System.getLogger(JdbcDeliveryTracker.class.getName());
    private static final String DEFAULT_TABLE = "wechatpay_notification";
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String DONE = "DONE";
    private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final DataSource dataSource;
    private final String table;
    private final long leaseMillis;
    private final long retentionMillis;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    /**
     * @param table     the table (letters, digits and underscores, optionally schema-qualified)
     * @param lease     how long a claim holds before another delivery may take it over
     * @param retention how long done rows are kept (WeChat Pay stops delivering a notification after about a day)
     */
    public JdbcDeliveryTracker(DataSource dataSource, String table, Duration lease, Duration retention, Clock clock) {
        if (dataSource == null || clock == null) {
            throw new ConfigurationException("the JDBC delivery tracker needs a DataSource and a clock");
        }
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new ConfigurationException("wechatpay.delivery-tracker.table must be a plain SQL table name"
                    + " (letters, digits, underscores, optionally schema.table), got '" + table + "'");
        }
        if (lease == null
                || lease.isNegative()
                || lease.isZero()
                || retention == null
                || retention.compareTo(lease) < 0) {
            throw new ConfigurationException("wechatpay.delivery-tracker.lease must be positive and the retention at"
                    + " least as long, got lease " + lease + " and retention " + retention);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.leaseMillis = lease.toMillis();
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
    }

    /** Whether the table can be read; the failure's message otherwise. */
    String probe() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT notification_id, state, claimed_at, completed_at FROM " + table + " WHERE 1 = 0")
                    .close();
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Creates the table from the schema, with the configured name. */
    void createTable() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(schema().replace(DEFAULT_TABLE, table));
            commit(c);
        } catch (SQLException e) {
            throw new ConfigurationException(
                    "could not create the delivery tracker's table " + table + ": " + e.getMessage()
                            + "; create it with the schema in " + SCHEMA,
                    e);
        }
    }

    /** The CREATE TABLE statement, without its comments. */
    static String schema() {
        try (InputStream in = JdbcDeliveryTracker.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the class path");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString().strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    @Override
    public Claim claim(String notificationId) {
        long now = clock.millis();
        purgeNowAndThen(now);
        try (Connection c = dataSource.getConnection()) {
            for (int tries = 0; tries < 3; tries++) {
                if (insert(c, notificationId, now)) {
                    return Claim.CLAIMED;
                }
                try (PreparedStatement q =
                        c.prepareStatement("SELECT state, claimed_at FROM " + table + " WHERE notification_id = ?")) {
                    q.setString(1, notificationId);
                    try (ResultSet r = q.executeQuery()) {
                        if (!r.next()) {
                            continue; // released in between: insert again
                        }
                        if (DONE.equals(r.getString(1))) {
                            return Claim.DONE;
                        }
                        long claimedAt = r.getLong(2);
                        if (now - claimedAt < leaseMillis) {
                            return Claim.IN_PROGRESS;
                        }
                        return takeOver(c, notificationId, claimedAt, now) ? Claim.CLAIMED : Claim.IN_PROGRESS;
                    }
                }
            }
            return Claim.IN_PROGRESS;
        } catch (SQLException e) {
            throw failure("claim", notificationId, e);
        }
    }

    private boolean insert(Connection c, String id, long now) throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO " + table + " (notification_id, state, claimed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, IN_PROGRESS);
            insert.setLong(3, now);
            insert.executeUpdate();
            commit(c);
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                rollback(c);
                return false;
            }
            throw e;
        }
    }

    /** A claim whose lease ran out: taken over only if nobody else took it since {@code claimedAt}. */
    private boolean takeOver(Connection c, String id, long claimedAt, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE " + table + " SET claimed_at = ? WHERE notification_id = ? AND state = ? AND claimed_at = ?")) {
            update.setLong(1, now);
            update.setString(2, id);
            update.setString(3, IN_PROGRESS);
            update.setLong(4, claimedAt);
            boolean taken = update.executeUpdate() == 1;
            commit(c);
            return taken;
        }
    }

    @Override
    public void complete(String notificationId) {
        update(
                "complete",
                "UPDATE " + table + " SET state = ?, completed_at = ? WHERE notification_id = ?",
                s -> {
                    s.setString(1, DONE);
                    s.setLong(2, clock.millis());
                    s.setString(3, notificationId);
                },
                notificationId);
    }

    @Override
    public void release(String notificationId) {
        update(
                "release",
                "DELETE FROM " + table + " WHERE notification_id = ? AND state = ?",
                s -> {
                    s.setString(1, notificationId);
                    s.setString(2, IN_PROGRESS);
                },
                notificationId);
    }

    /** Deletes done rows past the retention, at most once an hour per instance. */
    private void purgeNowAndThen(long now) {
        long last = lastPurge.get();
        if (now - last < PURGE_EVERY_MILLIS || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try {
            update(
                    "purge",
                    "DELETE FROM " + table + " WHERE state = ? AND completed_at < ?",
                    s -> {
                        s.setString(1, DONE);
                        s.setLong(2, now - retentionMillis);
                    },
                    null);
        } catch (WechatPayException e) { // housekeeping: the claim that follows reports what matters
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String step, String sql, Binder binder, String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
            commit(c);
        } catch (SQLException e) {
            throw failure(step, id, e);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static void rollback(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    private WechatPayException failure(String step, String id, SQLException e) {
        return new WechatPayException(
                "the delivery tracker could not " + step + (id == null ? "" : " notification " + id) + " in table "
                        + table + ": " + e.getMessage(),
                e);
    }

    @Override
    public String toString() {
        return "JdbcDeliveryTracker[" + table + ", lease " + Duration.ofMillis(leaseMillis) + "]";
    }
}
