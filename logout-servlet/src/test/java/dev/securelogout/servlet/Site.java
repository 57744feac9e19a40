package dev.securelogout.servlet;

import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;

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

    private final EmbeddedApp app;
    final URI base;

    private Site(EmbeddedApp app) {
        this.app = app;
        this.base = app.base();
    }

    /** A started site (with container sessions) whose context {@code setup} filled. */
    static Site start(Consumer<EmbeddedApp.Builder> setup) {
        EmbeddedApp.Builder builder = EmbeddedApp.builder().sessions();
        setup.accept(builder);
        return new Site(builder.start());
    }

    /** A new browser of this site with an empty cookie jar. */
    Browser browser() {
        return new Browser(base);
    }

    @Override
    public void close() {
        app.close();
    }
}
