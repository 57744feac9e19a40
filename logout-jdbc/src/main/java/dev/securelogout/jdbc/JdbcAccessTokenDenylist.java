package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.AccessTokenId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An {@link AccessTokenDenylist} in the denylist table of a {@link JdbcSchema}, keyed by (issuer,
 * jti). A denial is one upsert that keeps the later expiry; a check is one primary-key lookup.
 * Entries past their expiry, by this denylist's {@link Clock}, are invisible and removed by a
 * {@link JdbcPurger}.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Every SQL failure is a
 * {@link StoreException} with the cause; an issuer or jti the columns cannot hold exactly (a NUL
 * character, a lone surrogate) is an {@link IllegalArgumentException} before any SQL runs.
 */
public final class JdbcAccessTokenDenylist implements AccessTokenDenylist {

    private final JdbcSchema schema;
    private final Clock clock;
    // The statements, visible to the index-usage test of this package.
    final String upsert;
    final String selectDenied;

    /**
     * A denylist in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource},
     * whose expiry follows {@code clock}. The tables must exist (see {@link JdbcSchema#createIfMissing()}).
     *
     * @param dataSource the data source
     * @param clock the clock that tells the time
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcAccessTokenDenylist(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock);
    }

    /**
     * A denylist in {@code schema}'s denylist table whose expiry follows {@code clock}.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     * @throws IllegalStateException when the tables are missing or older than {@link JdbcSchema#VERSION}
     */
    public JdbcAccessTokenDenylist(JdbcSchema schema, Clock clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        schema.requireCurrentVersion();
        this.clock = Objects.requireNonNull(clock, "clock");
        String table = schema.table("denylist");
        upsert = schema.dialect().upsertKeepingLater(table, List.of("issuer VARCHAR(256)", "jti VARCHAR(256)"));
        selectDenied = "SELECT 1 FROM " + table + " WHERE issuer = ? AND jti = ? AND expires_at > ?";
    }

    @Override
    public void deny(AccessTokenId id, Instant until) {
        check(id);
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(clock.instant())) {
            return;
        }
        schema.inTransaction("deny an access token", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                statement.setString(1, id.issuer());
                statement.setString(2, id.jti());
                statement.setLong(3, micros(until));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        check(id);
        long now = micros(clock.instant());
        return schema.read("check the denylist", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(selectDenied)) {
                statement.setString(1, id.issuer());
                statement.setString(2, id.jti());
                statement.setLong(3, now);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private static void check(AccessTokenId id) {
        Objects.requireNonNull(id, "id");
        Columns.fit("issuer", id.issuer(), Columns.ACCESS_TOKEN_ID);
        Columns.fit("jti", id.jti(), Columns.ACCESS_TOKEN_ID);
    }
}
