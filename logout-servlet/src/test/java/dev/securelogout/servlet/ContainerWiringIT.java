package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** Filters the container creates (as from web.xml): engine from the ServletContext, configuration from init-params. */
class ContainerWiringIT {

    private static Server server(Class<? extends Filter> filter, Map<String, String> initParams, boolean withEngine) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (withEngine) {
            context.setAttribute(SecureLogout.ENGINE_ATTRIBUTE, LogoutEngine.builder().inMemory().build());
        }
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameters(initParams);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        return server;
    }

    @Test
    void aContainerCreatedGuardFindsTheEngineAndReadsItsInitParams() throws Exception {
        Server server = server(SessionGuardFilter.class, Map.of("login-path", "/signin", "api-paths", "/api/"), true);
        server.start();
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/page")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, page.statusCode());
            assertEquals(Optional.of("/signin"), page.headers().firstValue("Location"));
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, api.statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void aMissingEngineAnUnknownInitParamOrAMissingVerifierStopsTheStart() throws Exception {
        for (Server server : new Server[] {
                server(LogoutFilter.class, Map.of(), false),
                server(LogoutFilter.class, Map.of("login_path", "/signin"), true),
                server(LogoutFilter.class, Map.of("allowed-origins", "null"), true),
                server(BearerGuardFilter.class, Map.of(), true)}) {
            try {
                Exception e = assertThrows(Exception.class, server::start);
                assertTrue(e.toString().contains("LogoutEngine") || e.toString().contains("init-param")
                        || e.toString().contains("allowedOrigins") || e.toString().contains("AccessTokenVerifier"), e.toString());
            } finally {
                server.stop();
            }
        }
    }
}
