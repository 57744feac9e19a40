package dev.securelogout.checks.readme;

import static jakarta.servlet.DispatcherType.REQUEST;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.servlet.BearerGuardFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.LogoutFilter;
import dev.securelogout.servlet.SessionEndpointsFilter;
import dev.securelogout.servlet.SessionGuardFilter;
import dev.securelogout.servlet.TokenRevocationFilter;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The README's "Jakarta Servlet" wiring, on Jetty's servlet context. */
final class JakartaServlet {

    private JakartaServlet() {
    }

    /** Adds the README's filters to {@code context}. */
    static void wire(LogoutEngine engine, AccessTokenVerifier verifier, ServletContextHandler context) {
        // README begin
        LogoutConfig config = LogoutConfig.builder().apiPaths(List.of("/api/")).build();
        context.addFilter(new FilterHolder(new LogoutFilter(engine, config)), "/logout", EnumSet.of(REQUEST));
        context.addFilter(new FilterHolder(new SessionGuardFilter(engine, config)), "/account/*", EnumSet.of(REQUEST));
        context.addFilter(new FilterHolder(new SessionEndpointsFilter(engine, config)), "/account/*", EnumSet.of(REQUEST));
        context.addFilter(new FilterHolder(new BearerGuardFilter(engine, verifier, config)), "/api/*", EnumSet.of(REQUEST));
        context.addFilter(new FilterHolder(new TokenRevocationFilter(engine, verifier, config)), "/oauth/revoke", EnumSet.of(REQUEST));
        // README end
    }
}
