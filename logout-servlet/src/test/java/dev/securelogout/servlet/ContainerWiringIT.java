package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;

/** Filters the container creates (as from web.xml): engine from the ServletContext, configuration from init-params. */
class ContainerWiringIT {

    private static EmbeddedApp.Builder app(Class<? extends Filter> filter, Map<String, String> initParams, boolean withEngine) {
        return EmbeddedApp.builder().configure(context -> {
            if (withEngine) {
                context.setAttribute(SecureLogout.ENGINE_ATTRIBUTE, LogoutEngine.builder().inMemory().build());
            }
            FilterHolder holder = new FilterHolder(filter);
            holder.setInitParameters(initParams);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    @Test
    void aContainerCreatedGuardFindsTheEngineAndReadsItsInitParams() throws Exception {
        try (EmbeddedApp app = app(SessionGuardFilter.class, Map.of("login-path", "/signin", "api-paths", "/api/"), true).start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(app.base().resolve("/page")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, page.statusCode());
            assertEquals(Optional.of("/signin"), page.headers().firstValue("Location"));
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(app.base().resolve("/api/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, api.statusCode());
        }
    }

    @Test
    void aMissingEngineAnUnknownInitParamOrAMissingVerifierStopsTheStart() {
        for (EmbeddedApp.Builder app : List.of(
                app(LogoutFilter.class, Map.of(), false),
                app(LogoutFilter.class, Map.of("login_path", "/signin"), true),
                app(LogoutFilter.class, Map.of("allowed-origins", "null"), true),
                app(BearerGuardFilter.class, Map.of(), true))) {
            Exception e = assertThrows(IllegalStateException.class, app::start);
            assertTrue(e.toString().contains("LogoutEngine") || e.toString().contains("init-param")
                    || e.toString().contains("allowedOrigins") || e.toString().contains("AccessTokenVerifier"), e.toString());
        }
    }
}
