package dev.securelogout.testkit.services;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;

/**
 * The smallest connection pool that behaves like a real one under faults: idle connections are kept (up to a bound)
 * and validated when borrowed, so a connection broken by an outage is dropped, never handed out again. What the
 * stores see is a plain {@link DataSource}. Thread-safe.
 */
public final class ConnectionPool extends PlainDataSource implements AutoCloseable {

    private final DataSource target;
    private final BlockingQueue<Connection> idle;

    /**
     * A pool over {@code target}.
     *
     * @param target where new connections come from
     * @param maxIdle how many idle connections it keeps
     */
    public ConnectionPool(DataSource target, int maxIdle) {
        this.target = target;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    /**
     * An idle connection that is still valid, or a new one; closing it returns it to the pool.
     *
     * @return a connection
     * @throws SQLException if a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            if (connection.isValid(1)) {
                return lend(connection);
            }
            closeQuietly(connection);
        }
        return lend(target.getConnection());
    }

    private Connection lend(Connection connection) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!returned[0]) {
                            returned[0] = true;
                            if (connection.isClosed() || !connection.getAutoCommit() || !idle.offer(connection)) {
                                closeQuietly(connection);
                            }
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // broken anyway
        }
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }
}
