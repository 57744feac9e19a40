package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReauthenticationTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final Device PHONE = Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1", "192.0.2.2");

    private final TestClock clock = new TestClock();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock)
            .reauthenticationWindow(Duration.ofMinutes(5)).build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("after the window, ending the other devices or revoking one changes nothing until the user re-authenticates")
    void sensitiveChangesNeedARecentAuthentication() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        NewSession phone = engine.startSession("alice", PHONE);
        clock.advance(Duration.ofMinutes(6));
        Session current = engine.check(laptop.id().value()).session().orElseThrow();

        assertFalse(engine.isRecentlyAuthenticated(current));
        assertThrows(ReauthenticationRequiredException.class, () -> engine.logoutEverywhere(current, true, LAPTOP));
        assertEquals(RevokeResult.REAUTHENTICATION_REQUIRED, engine.revokeSession(current, phone.session().handle(), LAPTOP));
        assertThrows(ReauthenticationRequiredException.class, () -> engine.requireRecentAuthentication(current));
        assertEquals(SessionCheck.Status.ACTIVE, engine.check(phone.id().value()).status(), "nothing changed");

        Session renewed = engine.reauthenticate(current).orElseThrow();

        assertTrue(engine.isRecentlyAuthenticated(renewed));
        assertTrue(engine.isRecentlyAuthenticated(engine.check(laptop.id().value()).session().orElseThrow()), "stored");
        assertEquals(RevokeResult.REVOKED, engine.revokeSession(renewed, phone.session().handle(), LAPTOP));
    }

    @Test
    @DisplayName("ending everything, the current session included, and ending the own device never need it")
    void endingEverythingNeverNeedsIt() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        clock.advance(Duration.ofMinutes(20));
        Session current = engine.check(laptop.id().value()).session().orElseThrow();

        assertEquals(RevokeResult.REVOKED_CURRENT, engine.revokeSession(current, current.handle(), LAPTOP));
        NewSession again = engine.startSession("alice", LAPTOP);
        clock.advance(Duration.ofMinutes(20));
        assertFalse(engine.logoutEverywhere(engine.check(again.id().value()).session().orElseThrow(), false, LAPTOP)
                .serverSideFailed());
        assertEquals(List.of(), engine.admin().sessionsOf("alice"));
    }

    @Test
    @DisplayName("a remember-me restore is no authentication: its session carries its series' sign-in time")
    void aRestoreIsNoAuthentication() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        IssuedToken rememberMe = engine.issueRememberMe(laptop.session());
        clock.advance(Duration.ofMinutes(20));

        Session restored = engine.loginWithRememberMe(rememberMe.token().value(), LAPTOP).session().orElseThrow().session();

        assertEquals(laptop.session().authenticatedAt(), restored.authenticatedAt());
        assertFalse(engine.isRecentlyAuthenticated(restored));
    }
}
