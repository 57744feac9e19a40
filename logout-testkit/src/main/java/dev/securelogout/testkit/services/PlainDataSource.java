package dev.securelogout.testkit.services;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The part of a {@link DataSource} a test's own pool or wrapper does not use (log writer, login timeout,
 * unwrapping, other users), answered once: a subclass supplies {@link #getConnection()}.
 */
public abstract class PlainDataSource implements DataSource {

    /** For subclasses. */
    protected PlainDataSource() {
    }

    /**
     * Refused: a test's data source has one user.
     *
     * @param username ignored
     * @param password ignored
     * @return never
     * @throws SQLException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("this data source has one user");
    }

    /**
     * None.
     *
     * @return null
     */
    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    /**
     * Ignored: there is no log writer.
     *
     * @param out ignored
     */
    @Override
    public void setLogWriter(PrintWriter out) {
        // no log writer
    }

    /**
     * Ignored: the target data source's is used.
     *
     * @param seconds ignored
     */
    @Override
    public void setLoginTimeout(int seconds) {
        // set on the target
    }

    /**
     * None of its own.
     *
     * @return 0
     */
    @Override
    public int getLoginTimeout() {
        return 0;
    }

    /**
     * The global logger.
     *
     * @return {@link Logger#getGlobal()}
     */
    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    /**
     * Refused: nothing is wrapped.
     *
     * @param type ignored
     * @param <T> ignored
     * @return never
     * @throws SQLException always
     */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    /**
     * No.
     *
     * @param type ignored
     * @return false
     */
    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
