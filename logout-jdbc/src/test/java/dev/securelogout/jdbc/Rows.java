package dev.securelogout.jdbc;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.tck.ContractKeys;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fills tables fast, with batched inserts through the stores' own insert statements. */
final class Rows {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 1_000;

    private Rows() {
    }

    /**
     * Inserts {@code count} sessions of {@code userId}, active from {@code now} for a day, in one
     * transaction; returns their keys.
     */
    static List<CredentialKey> sessions(Connection connection, JdbcSessionStore store, String userId, int count, Instant now)
            throws SQLException {
        List<CredentialKey> keys = new ArrayList<>(count);
        Device device = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.7");
        long start = JdbcSchema.micros(now);
        long end = JdbcSchema.micros(now.plus(Duration.ofDays(1)));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(store.insert)) {
            for (int i = 0; i < count; i++) {
                Credential id = ContractKeys.PARTITIONS.generate(userId, RANDOM);
                keys.add(id.key());
                insert.setString(1, id.key().digest());
                insert.setString(2, id.key().partition());
                insert.setString(3, UUID.randomUUID().toString().substring(0, 22));
                insert.setString(4, userId);
                insert.setLong(5, start);
                insert.setLong(6, start);
                insert.setLong(7, end);
                insert.setLong(8, JdbcSchema.micros(Duration.ofDays(1)));
                insert.setLong(9, end);
                insert.setString(10, device.browser());
                insert.setString(11, device.os());
                insert.setString(12, device.ip());
                insert.setString(13, device.userAgent());
                insert.setLong(14, start);
                insert.setString(15, device.ip());
                insert.setString(16, null);
                insert.setString(17, null);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return keys;
    }

    /**
     * Inserts {@code count} refresh tokens of {@code userId}, each its own family, active from
     * {@code now}; returns their keys.
     */
    static List<CredentialKey> tokens(Connection connection, JdbcPersistentTokenStore store, String userId, int count, Instant now) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<CredentialKey> keys = new ArrayList<>(count);
        Device device = Device.of("curl/8.5.0", "192.0.2.8");
        try (PreparedStatement insert = connection.prepareStatement(store.insert)) {
            for (int i = 0; i < count; i++) {
                Credential value = ContractKeys.PARTITIONS.generate(userId, RANDOM);
                keys.add(value.key());
                insert.setString(1, value.key().digest());
                insert.setString(2, value.key().partition());
                insert.setString(3, "REFRESH");
                insert.setString(4, UUID.randomUUID().toString().substring(0, 22));
                insert.setString(5, userId);
                insert.setLong(6, JdbcSchema.micros(now));
                insert.setLong(7, JdbcSchema.micros(now.plus(Duration.ofDays(1))));
                insert.setLong(8, JdbcSchema.micros(now.plus(Duration.ofDays(1))));
                insert.setLong(9, JdbcSchema.micros(now));
                insert.setString(10, device.browser());
                insert.setString(11, device.os());
                insert.setString(12, device.ip());
                insert.setString(13, device.userAgent());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return keys;
    }
}
