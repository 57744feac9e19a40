package dev.securelogout.bench;

import dev.securelogout.testkit.services.PlainDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A data source that hands out one open connection again and again, its {@code close()} ignored:
 * what a connection pool looks like to a store, without a pool library (moved here from
 * logout-jdbc's own benchmark). For one thread only.
 */
final class ReusedConnection extends PlainDataSource implements AutoCloseable {

    private final Connection connection;
    private final Connection handle;

    ReusedConnection(DataSource target) throws SQLException {
        this.connection = target.getConnection();
        this.handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return handle;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
