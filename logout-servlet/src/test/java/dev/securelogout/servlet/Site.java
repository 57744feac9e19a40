package dev.securelogout.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** One servlet context (with container sessions) on embedded Jetty 12, port 0, set up by the test. */
final class Site implements AutoCloseable {

    /** The body of {@link #ECHO}: a request that reached the application. */
    static final String REACHED = "reached the application";
    /** A servlet that answers 200 {@link #REACHED} to everything. */
    static final HttpServlet ECHO = new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(REACHED);
        }
    };

    private final Server server = new Server();
    final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    final URI base;

    private Site(Consumer<Site> setup) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setContextPath("/");
        setup.accept(this);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** A started site whose context {@code setup} filled. */
    static Site start(Consumer<Site> setup) {
        return new Site(setup);
    }

    /** Maps {@code filter} to {@code path} for requests (not forwards or includes). */
    void filter(Filter filter, String path) {
        context.addFilter(new FilterHolder(filter), path, EnumSet.of(DispatcherType.REQUEST));
    }

    void servlet(HttpServlet servlet, String path) {
        context.addServlet(new ServletHolder(servlet), path);
    }

    /** A new browser of this site with an empty cookie jar. */
    Browser browser() {
        return new Browser(base);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
