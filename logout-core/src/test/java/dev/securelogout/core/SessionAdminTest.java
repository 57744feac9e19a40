package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.memory.InMemoryStores;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionAdminTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final Device PHONE = Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1", "192.0.2.2");
    private static final Device CONSOLE = Device.of("support-console/1.0", "10.0.0.5");
    private static final LogoutEvent.Admin BY = new LogoutEvent.Admin("ops-7", "ticket 4711: phone stolen");

    private final TestClock clock = new TestClock();
    private final List<LogoutEvent> events = new CopyOnWriteArrayList<>();
    private final List<SessionNotice> notices = new CopyOnWriteArrayList<>();
    private final SessionNotifier notifier = InMemoryStores.notifier();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).notifier(notifier).listener(events::add).build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("lists any user's sessions by user id, most recently active first")
    void listsAnyUsersSessions() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        clock.advance(java.time.Duration.ofMinutes(2));
        NewSession phone = engine.startSession("alice", PHONE);
        engine.startSession("bob", LAPTOP);
        assertEquals(List.of(phone.session().handle(), laptop.session().handle()),
                engine.admin().sessionsOf("alice").stream().map(Session::handle).toList());
    }

    @Test
    @DisplayName("revokes one device by handle, tells its pages, and audits the administrator and the reason")
    void revokesOneByHandle() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        NewSession phone = engine.startSession("alice", PHONE);
        IssuedToken phoneRememberMe = engine.issueRememberMe(phone.session());
        notifier.subscribe("alice", notices::add);

        assertEquals(RevokeResult.REVOKED, engine.admin().revokeSession("alice", phone.session().handle(), BY, CONSOLE));

        assertFalse(engine.check(phone.id().value()).isActive());
        assertEquals(RefreshResult.Status.REJECTED, engine.loginWithRememberMe(phoneRememberMe.token().value(), PHONE).token().status());
        assertTrue(engine.check(laptop.id().value()).isActive());
        LogoutEvent event = events.get(events.size() - 1);
        assertEquals(LogoutReason.ADMIN, event.reason());
        assertEquals(Optional.of(BY), event.admin());
        assertEquals(Optional.of("alice"), event.userId());
        assertEquals(List.of(new SessionNotice("alice", LogoutReason.ADMIN, LogoutScope.SESSION, Optional.of(phone.session().handle()))), notices);
        assertTrue(AuditLogListener.format(event).contains("admin=\"ops-7\" adminReason=\"ticket 4711: phone stolen\""));
    }

    @Test
    @DisplayName("another user's handle reads as not found and changes nothing")
    void anotherUsersHandleIsNotFound() {
        NewSession bob = engine.startSession("bob", LAPTOP);
        engine.startSession("alice", LAPTOP);
        assertEquals(RevokeResult.NOT_FOUND, engine.admin().revokeSession("alice", bob.session().handle(), BY, CONSOLE));
        assertTrue(engine.check(bob.id().value()).isActive());
    }

    @Test
    @DisplayName("ends every session and token of a user, without clearing the administrator's own client")
    void endsAll() {
        NewSession laptop = engine.startSession("alice", LAPTOP);
        NewSession phone = engine.startSession("alice", PHONE);
        IssuedToken refresh = engine.issueRefreshToken("alice");
        LogoutOutcome outcome = engine.admin().endAllSessions("alice", BY, CONSOLE);
        assertFalse(outcome.clearsClient());
        assertEquals(2, outcome.event().sessionsEnded());
        assertEquals(Optional.of(BY), outcome.event().admin());
        assertFalse(engine.check(laptop.id().value()).isActive());
        assertFalse(engine.check(phone.id().value()).isActive());
        assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refresh.token().value(), CONSOLE).status());
    }
}
