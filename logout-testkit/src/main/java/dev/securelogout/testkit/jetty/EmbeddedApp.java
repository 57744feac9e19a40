package dev.securelogout.testkit.jetty;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One servlet context on embedded Jetty 12, listening on 127.0.0.1 at a port the system picks:
 * {@code EmbeddedApp.builder().filter(guard, "/private/*").servlet(echo, "/*").start()}, closed after the test.
 */
public final class EmbeddedApp implements AutoCloseable {

    private final Server server;
    private final ServletContextHandler context;
    private final int port;

    private EmbeddedApp(Builder builder) {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler(builder.sessions ? ServletContextHandler.SESSIONS : ServletContextHandler.NO_SESSIONS);
        context.setContextPath(builder.contextPath);
        builder.steps.forEach(step -> step.accept(context));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Jetty did not start: " + e, e);
        }
        port = connector.getLocalPort();
    }

    /**
     * A builder of an app at context path {@code /}, without container sessions.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port the app listens on.
     *
     * @return the local port
     */
    public int port() {
        return port;
    }

    /**
     * The server's root, {@code http://127.0.0.1:port} (without the context path).
     *
     * @return the base URI
     */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The app's servlet context, for what the builder does not set (session listeners, attributes).
     *
     * @return the context handler
     */
    public ServletContextHandler context() {
        return context;
    }

    /** Stops the server. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** What the app serves, in the order the filters run; {@link #start()} starts it. */
    public static final class Builder {

        private final List<Consumer<ServletContextHandler>> steps = new ArrayList<>();
        private String contextPath = "/";
        private boolean sessions;

        private Builder() {
        }

        /**
         * Serves the app under {@code path} instead of {@code /}.
         *
         * @param path the context path, {@code /} or {@code /name}
         * @return this builder
         */
        public Builder contextPath(String path) {
            this.contextPath = path;
            return this;
        }

        /**
         * Gives the app the container's {@code HttpSession}s.
         *
         * @return this builder
         */
        public Builder sessions() {
            this.sessions = true;
            return this;
        }

        /**
         * Maps {@code filter} to {@code path} for requests (not forwards or includes), after the filters mapped before;
         * it supports async requests (a stream of server-sent events passes it).
         *
         * @param filter the filter
         * @param path the URL pattern
         * @return this builder
         */
        public Builder filter(Filter filter, String path) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            return configure(context -> context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST)));
        }

        /**
         * Maps {@code servlet} to {@code path}; it may start async requests.
         *
         * @param servlet the servlet
         * @param path the URL pattern
         * @return this builder
         */
        public Builder servlet(HttpServlet servlet, String path) {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            return configure(context -> context.addServlet(holder, path));
        }

        /**
         * Sets up the context in a way the other methods do not (holders by class, named servlets, attributes),
         * in order with them.
         *
         * @param step what to do to the context before the server starts
         * @return this builder
         */
        public Builder configure(Consumer<ServletContextHandler> step) {
            steps.add(step);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the started app
         * @throws IllegalStateException if Jetty does not start (a filter's or servlet's {@code init} failed: its
         *     message names the cause), the server stopped again
         */
        public EmbeddedApp start() {
            return new EmbeddedApp(this);
        }
    }
}
