package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.TokenVersionStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the logs say about a logout: the audit line, the failure line, and never a raw secret. */
class AuditLogTest {

    /** Runs {@code action} and returns what slf4j-simple wrote to System.err meanwhile. */
    private static String captureLog(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a logout writes one audit line with a keyed digest of the session, never the session id or token")
    void noRawSecretInLog() {
        TestClock clock = new TestClock();
        AtomicBoolean down = new AtomicBoolean();
        LogoutEngine engine = LogoutEngine.builder()
                .sessionStore(Failing.when(down, SessionStore.class, InMemoryStores.sessionStore(clock)))
                .persistentTokenStore(Failing.when(down, PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)))
                .accessTokenDenylist(Failing.when(down, AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)))
                .tokenVersionStore(Failing.when(down, TokenVersionStore.class, InMemoryStores.tokenVersionStore()))
                .clock(clock).build();
        Device client = Device.of("curl/8.0\r\nlogout reason=FORGED", "192.0.2.7");
        NewSession session = engine.startSession("alice", client);
        IssuedToken refresh = engine.issueRefreshToken("alice");
        String log = captureLog(() -> engine.logout(LogoutRequest.from(client)
                .withSessionId(session.id().value()).withRefreshToken(refresh.token().value())));
        down.set(true);
        log += captureLog(() -> engine.logout(LogoutRequest.from(client).withSessionId(session.id().value())));

        for (String secret : new String[] {session.id().value(), session.id().value().substring(12),
                refresh.token().value().substring(12), session.session().key().digest()}) {
            assertFalse(log.contains(secret), "the log holds a secret: " + log);
        }
        String[] lines = log.strip().split("\\R");
        assertTrue(lines[0].contains("logout reason=USER_LOGOUT scope=SESSION outcome=SUCCESS user=\"alice\""), lines[0]);
        assertTrue(lines[0].contains("sessions=1 tokens=1"), lines[0]);
        assertTrue(lines[0].contains("ua=\"curl/8.0logout reason=FORGED\""), "control characters stripped: " + lines[0]);
        assertEquals(5, lines.length, "one audit line, then the outage start, the pending revocation, one failed audit line"
                + " and one error line: " + log);
        assertTrue(lines[1].contains("WARN dev.securelogout.store - store sessions unavailable"), lines[1]);
        assertTrue(lines[2].contains("WARN dev.securelogout.core.PendingRevocations - session deletion failed"), lines[2]);
        assertTrue(log.contains("ERROR dev.securelogout.core.LogoutEngine - logout incomplete: failed steps [SESSION_STORE]"), log);
        assertTrue(log.contains("outcome=FAILED"), log);
    }

    @Test
    @DisplayName("a sign-in writes an audit line whose session digest is the one of its logout line; a remember-me restore says so")
    void loginLine() {
        TestClock clock = new TestClock();
        LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).build();
        Device client = Device.of("curl/8.0", "192.0.2.7");
        NewSession[] session = new NewSession[1];
        String login = captureLog(() -> session[0] = engine.startSession("alice", client));
        assertTrue(login.contains("INFO dev.securelogout.audit - login kind=NEW_DEVICE user=\"alice\" session="), login);
        assertTrue(login.contains("evicted=0 ip=\"192.0.2.7\" ua=\"curl/8.0\""), login);
        assertFalse(login.contains(session[0].id().value()), login);
        String token = engine.issueRememberMe(session[0].session()).token().value();
        String restore = captureLog(() -> engine.loginWithRememberMe(token, client));
        assertTrue(restore.contains("login kind=REMEMBER_ME user=\"alice\""), restore);
        String logout = captureLog(() -> engine.logout(LogoutRequest.from(client).withSessionId(session[0].id().value())));
        String digest = login.substring(login.indexOf("session=") + 8).split(" ")[0];
        assertTrue(logout.contains("session=" + digest + " "), "the same digest in both lines: " + login + logout);
    }
}
