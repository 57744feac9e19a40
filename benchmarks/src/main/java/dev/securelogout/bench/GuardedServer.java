package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.servlet.BearerGuardFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.SecureLogout;
import dev.securelogout.servlet.SessionGuardFilter;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * One embedded Jetty 12 (127.0.0.1, port 0) with the same trivial servlet three times, so that the
 * guard is the only difference between the paths:
 * <pre>
 * GET /healthz   no guard
 * GET /api/me    BearerGuardFilter (JWT verified, then engine.checkAccessToken)
 * GET /          SessionGuardFilter (engine.check of the session cookie)
 * </pre>
 * Each filter is mapped to its servlet by name, not by a path pattern.
 */
final class GuardedServer implements AutoCloseable {

    private final EmbeddedApp server;

    GuardedServer(LogoutEngine engine, AccessTokenVerifier verifier) {
        LogoutConfig config = LogoutConfig.defaults();
        server = EmbeddedApp.builder().configure(context -> {
            context.addServlet(new ServletHolder("healthz", new Hello()), "/healthz");
            context.addServlet(new ServletHolder("me", new Hello()), "/api/me");
            context.addServlet(new ServletHolder("root", new Hello()), "");
            guard(context, new FilterHolder(new BearerGuardFilter(engine, verifier, config)), "me");
            guard(context, new FilterHolder(new SessionGuardFilter(engine, config)), "root");
        }).start();
    }

    private static void guard(ServletContextHandler context, FilterHolder filter, String servletName) {
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(filter.getName());
        mapping.setServletName(servletName);
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        context.getServletHandler().addFilter(filter, mapping);
    }

    /** The server's address, e.g. {@code http://127.0.0.1:41234}. */
    URI base() {
        return server.base();
    }

    @Override
    public void close() {
        server.close();
    }

    /** A few bytes of text: the user the guard admitted, or "ok". */
    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = SecureLogout.session(request).map(s -> s.userId())
                    .or(() -> SecureLogout.accessToken(request).map(c -> c.subject()))
                    .orElse("ok");
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(user.getBytes(StandardCharsets.UTF_8));
        }
    }
}
