package dev.securelogout.reliability;

import dev.securelogout.jdbc.JdbcAccessTokenDenylist;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcPurger;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenVersionStore;
import dev.securelogout.tck.TcpProxy;
import dev.securelogout.testkit.services.ConnectionPool;
import dev.securelogout.testkit.services.Services;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC stores on the shared PostgreSQL server, in tables of their own (a random prefix, dropped
 * at close), reached through a {@link TcpProxy} so that an outage is cutting this test's proxy,
 * never stopping the server. The server is the shared one the test kit's {@link Services} finds.
 */
final class PostgresBackend implements Backend {

    private final Clock clock;
    private final String prefix;
    private final PGSimpleDataSource directSource;
    private final TcpProxy proxy;
    private final ConnectionPool pool;
    private final JdbcSchema direct;
    private final Stores stores;

    PostgresBackend(Clock clock) {
        this.clock = clock;
        this.prefix = Services.randomPrefix("rel") + "_";
        directSource = dataSource(Services.postgresqlHost(), Services.postgresqlPort());
        direct = JdbcSchema.of(directSource, prefix);
        direct.createIfMissing();
        proxy = new TcpProxy(Services.postgresqlHost(), Services.postgresqlPort());
        pool = new ConnectionPool(dataSource("127.0.0.1", proxy.port()), 64);
        JdbcSchema proxied = JdbcSchema.of(pool, prefix);
        stores = new Stores(new JdbcSessionStore(proxied, clock), new JdbcPersistentTokenStore(proxied, clock),
                new JdbcAccessTokenDenylist(proxied, clock), new JdbcTokenVersionStore(proxied, clock));
    }

    private static PGSimpleDataSource dataSource(String host, int port) {
        PGSimpleDataSource dataSource = Services.postgresql(host, port);
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(5);
        return dataSource;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public long footprint() {
        new JdbcPurger(direct, clock).runOnce();
        long rows = 0;
        try (Connection connection = directSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("session", "token", "denylist", "token_state")) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + prefix + table)) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting rows", e);
        }
        return rows;
    }

    @Override
    public void down() {
        proxy.cut();
    }

    @Override
    public void up() {
        proxy.restore();
    }

    @Override
    public void close() {
        pool.close();
        proxy.close();
        direct.drop();
    }

    @Override
    public String toString() {
        return name();
    }
}
