package dev.securelogout.checks.readme;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Device;
import dev.securelogout.jdbc.JdbcAccessTokenDenylist;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenVersionStore;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import javax.sql.DataSource;

/** The README's "Ten lines": the engine on the JDBC stores, a login, a check, a logout. */
final class TenLines {

    private TenLines() {
    }

    /** Runs the README's lines with what they name; answers the logout's status. */
    @SuppressWarnings("unused") // the README shows where check comes from, not what the application does with it
    static int run(DataSource dataSource, Clock clock, byte[] sharedKey, String userAgent, String ip, Device device,
            String sessionIdFromCookie, HttpServletResponse response) {
        // README begin
        JdbcSchema schema = JdbcSchema.of(dataSource, "logout_");         // logout-jdbc; or logout-redis
        LogoutEngine engine = LogoutEngine.builder()                      // or .inMemory() for one node
                .sessionStore(new JdbcSessionStore(schema, clock))
                .persistentTokenStore(new JdbcPersistentTokenStore(schema, clock))
                .accessTokenDenylist(new JdbcAccessTokenDenylist(schema, clock))
                .tokenVersionStore(new JdbcTokenVersionStore(schema, clock))
                .secretKey(sharedKey)                                     // 32+ bytes, the same on every node
                .build();                                                 // engine.close() at shutdown

        NewSession session = engine.startSession("alice", Device.of(userAgent, ip));   // after your login check
        response.addHeader("Set-Cookie", engine.sessionSetCookie(session));

        SessionCheck check = engine.check(sessionIdFromCookie);                       // every protected request
        LogoutOutcome outcome = engine.logout(LogoutRequest.from(device).withSessionId(sessionIdFromCookie));
        outcome.setCookies().forEach(c -> response.addHeader("Set-Cookie", c));       // always, even if a store failed
        int status = outcome.serverSideFailed() ? 503 : 204;                          // an API's answer, from one predicate
        // README end
        engine.close();
        return status;
    }
}
