package dev.securelogout.checks.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Device;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.tck.http.TestClient;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's examples run as written: on Jetty over real HTTP, the JDBC stores on H2. */
class ReadmeExamplesRunTest {

    private final byte[] sharedKey = new byte[32];
    private EmbeddedApp app;

    ReadmeExamplesRunTest() {
        new SecureRandom().nextBytes(sharedKey);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @DisplayName("Ten lines: a login stores a session and sets its cookie; a logout answers 204 and deletes the cookies")
    void tenLines() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcSchema.of(dataSource, "logout_").createIfMissing();
        URI base = start(context -> context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String userAgent = http.getHeader("User-Agent");
            String ip = http.getRemoteAddr();
            int status = TenLines.run(dataSource, Clock.systemUTC(), sharedKey, userAgent, ip, Device.of(userAgent, ip),
                    http.getParameter("session"), (HttpServletResponse) response);
            ((HttpServletResponse) response).setStatus(status);
        }), "/ten-lines", EnumSet.of(DispatcherType.REQUEST)));

        HttpResponse<String> answer = new TestClient(base, "readme-test").post("/ten-lines", Map.of("session", "not-a-session"));

        assertEquals(204, answer.statusCode());
        List<String> setCookies = answer.headers().allValues("Set-Cookie");
        assertTrue(setCookies.size() >= 2, "the session cookie, then the logout's deletions: " + setCookies);
        assertTrue(setCookies.stream().skip(1).anyMatch(c -> c.contains("Max-Age=0")), "a deleting Set-Cookie: " + setCookies);
        assertEquals(1, count(dataSource, "SELECT COUNT(*) FROM logout_session"), "alice's session is stored");
    }

    @Test
    @DisplayName("Jakarta Servlet: the wired filters answer their paths (logout POST only, RFC 7009 wants a token)")
    void jakartaServlet() throws Exception {
        try (LogoutEngine engine = LogoutEngine.builder().inMemory().secretKey(sharedKey).build()) {
            URI base = start(context -> JakartaServlet.wire(engine, token -> Optional.empty(), context));
            TestClient client = new TestClient(base, "readme-test");

            HttpResponse<String> logoutByGet = client.get("/logout");
            assertEquals(405, logoutByGet.statusCode());
            assertEquals(Optional.of("POST"), logoutByGet.headers().firstValue("Allow"));
            assertEquals(400, client.post("/oauth/revoke", Map.of()).statusCode());
            assertEquals(303, client.get("/account/sessions").statusCode(), "no session: to the login page");
        }
    }

    private URI start(Consumer<ServletContextHandler> wiring) {
        app = EmbeddedApp.builder().configure(wiring).start();
        return app.base();
    }

    private static long count(JdbcDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
