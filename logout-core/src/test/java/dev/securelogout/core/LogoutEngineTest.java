package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.TokenVersionStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LogoutEngineTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final Device PHONE = Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1", "192.0.2.2");

    private final TestClock clock = new TestClock();
    private final AtomicBoolean sessionsDown = new AtomicBoolean();
    private final AtomicBoolean tokensDown = new AtomicBoolean();
    private final List<LogoutEvent> events = new CopyOnWriteArrayList<>();
    private final List<SessionNotice> notices = new CopyOnWriteArrayList<>();
    private final SessionStore sessionStore = InMemoryStores.sessionStore(clock);
    private final PersistentTokenStore tokenStore = InMemoryStores.persistentTokenStore(clock);
    private final AccessTokenDenylist denylist = InMemoryStores.accessTokenDenylist(clock);
    private final TokenVersionStore versions = InMemoryStores.tokenVersionStore();
    private LogoutEngine engine;

    @BeforeEach
    void buildEngine() {
        SessionNotifier notifier = InMemoryStores.notifier();
        engine = LogoutEngine.builder()
                .sessionStore(Failing.when(sessionsDown, SessionStore.class, sessionStore))
                .persistentTokenStore(Failing.when(tokensDown, PersistentTokenStore.class, tokenStore))
                .accessTokenDenylist(Failing.when(tokensDown, AccessTokenDenylist.class, denylist))
                .tokenVersionStore(Failing.when(tokensDown, TokenVersionStore.class, versions))
                .notifier(notifier)
                .listener(events::add)
                .clock(clock)
                .build();
        notifier.subscribe("alice", notices::add);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** Waits, with a deadline, until the engine's retries have brought every pending revocation to the store. */
    private void awaitNoPendingRevocations() {
        Await.until(Duration.ofSeconds(10), "no pending revocation", () -> engine.pendingRevocations() == 0);
    }

    private LogoutOutcome logout(NewSession session) {
        return engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
    }

    @Nested
    @DisplayName("logout")
    class Logout {

        @Test
        @DisplayName("ends the session server-side, then tells the client to clear everything")
        void endsSessionAndClearsClient() {
            NewSession session = engine.startSession("alice", LAPTOP);
            assertTrue(engine.check(session.id().value()).isActive());
            LogoutOutcome outcome = logout(session);
            assertEquals(SessionCheck.Status.INVALID, engine.check(session.id().value()).status());
            assertTrue(outcome.succeeded());
            assertEquals(1, outcome.event().sessionsEnded());
            assertEquals(Optional.of("alice"), outcome.event().userId());
            assertEquals(Set.of(ClearSiteData.COOKIES, ClearSiteData.STORAGE), outcome.clearSiteData());
            assertEquals("/login", outcome.redirectTo());
            assertTrue(outcome.setCookies().stream().anyMatch(c -> c.startsWith("__Host-sid=;") && c.contains("Max-Age=0")));
            assertTrue(outcome.setCookies().stream().anyMatch(c -> c.startsWith("__Host-remember=;")));
            assertEquals(List.of(outcome.event()), events);
            assertEquals(LogoutScope.SESSION, notices.get(0).scope());
            assertTrue(notices.get(0).ends(session.session().handle()));
        }

        @Test
        @DisplayName("without a session, or with a forged one, tells the client exactly the same")
        void sameAnswerWithoutSession() {
            NewSession session = engine.startSession("alice", LAPTOP);
            LogoutOutcome real = logout(session);
            for (LogoutOutcome other : List.of(
                    engine.logout(LogoutRequest.from(LAPTOP)),
                    logout(session),
                    engine.logout(LogoutRequest.from(LAPTOP).withSessionId("garbage\r\nSet-Cookie: x=y")),
                    engine.logout(LogoutRequest.from(LAPTOP).withSessionId("x".repeat(100_000))))) {
                assertEquals(real.setCookies(), other.setCookies());
                assertEquals(real.clearSiteData(), other.clearSiteData());
                assertEquals(real.redirectTo(), other.redirectTo());
                assertEquals(0, other.event().sessionsEnded());
            }
        }

        @Test
        @DisplayName("revokes this device's remember-me series only")
        void revokesThisDevicesRememberMe() {
            NewSession session = engine.startSession("alice", LAPTOP);
            IssuedToken laptop = engine.issueRememberMe(session.session());
            IssuedToken phone = engine.issueRememberMe(engine.startSession("alice", PHONE).session());
            engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()).withRememberMe(laptop.token().value()));
            assertEquals(RefreshResult.Status.REJECTED, engine.loginWithRememberMe(laptop.token().value(), LAPTOP).token().status());
            assertEquals(RefreshResult.Status.ROTATED, engine.loginWithRememberMe(phone.token().value(), PHONE).token().status());
        }

        @Test
        @DisplayName("a store failure still clears the client, and reads as a failure, never as success")
        void storeFailureStillClearsClient() {
            NewSession session = engine.startSession("alice", LAPTOP);
            LogoutOutcome healthy = engine.logout(LogoutRequest.from(LAPTOP));
            sessionsDown.set(true);
            tokensDown.set(true);
            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value())
                    .withRememberMe(session.id().value()));
            assertFalse(outcome.succeeded());
            assertEquals(Set.of(LogoutStep.SESSION_STORE, LogoutStep.PERSISTENT_TOKEN_STORE), outcome.failedSteps());
            assertTrue(outcome.serverSideFailed());
            assertEquals(healthy.setCookies(), outcome.setCookies());
            assertEquals(healthy.clearSiteData(), outcome.clearSiteData());
            assertFalse(events.get(events.size() - 1).succeeded());
        }

        @Test
        @DisplayName("a failing listener neither skips the other listeners nor the client instructions")
        void failingListenerIsIsolated() {
            List<LogoutEvent> seen = new CopyOnWriteArrayList<>();
            LogoutEngine withBadListener = LogoutEngine.builder().inMemory().clock(clock).noListeners()
                    .listener(e -> {
                        throw new IllegalStateException("listener bug");
                    })
                    .listener(seen::add)
                    .build();
            NewSession session = withBadListener.startSession("alice", LAPTOP);
            LogoutOutcome outcome = withBadListener.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
            assertEquals(1, seen.size());
            assertEquals(Set.of(LogoutStep.LISTENER), outcome.failedSteps());
            assertFalse(outcome.serverSideFailed(), "a listener is not the server side");
            assertTrue(outcome.clearsClient());
            assertEquals(SessionCheck.Status.INVALID, withBadListener.check(session.id().value()).status());
        }
    }

    @Nested
    @DisplayName("a device's lineage and one token")
    class Lineage {

        @Test
        @DisplayName("a logout on the device ends a session restored elsewhere from a copy of its remember-me cookie, and the copy's token")
        void logoutEndsTheCopiedLineage() {
            NewSession owner = engine.startSession("alice", LAPTOP);
            IssuedToken rememberMe = engine.issueRememberMe(owner.session());
            RememberMeLogin copy = engine.loginWithRememberMe(rememberMe.token().value(), PHONE);
            NewSession copied = copy.session().orElseThrow();
            assertEquals(owner.session().handle(), copied.session().handle(), "the restored session is of the same device");

            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(owner.id().value())
                    .withRememberMe(rememberMe.token().value()));

            assertTrue(outcome.succeeded());
            assertEquals(2, outcome.event().sessionsEnded(), "the device's session and the one restored from its series");
            assertFalse(engine.check(copied.id().value()).isActive());
            String successor = copy.token().token().orElseThrow().token().value();
            assertEquals(RefreshResult.Status.REJECTED, engine.loginWithRememberMe(successor, PHONE).token().status());
        }

        @Test
        @DisplayName("RFC 7009 revokes one token through its own call, audited as a token revocation with nothing to clear")
        void revokeOneToken() {
            IssuedToken refresh = engine.issueRefreshToken("alice");
            AccessTokenClaims access = new AccessTokenClaims(new AccessTokenId("iss", "jti-7009"), "alice",
                    clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty());
            NewSession session = engine.startSession("alice", LAPTOP);

            LogoutOutcome outcome = engine.revokeToken(refresh.token().value(), Optional.of(access), LAPTOP);

            assertTrue(outcome.succeeded());
            assertFalse(outcome.clearsClient());
            assertTrue(outcome.setCookies().isEmpty());
            assertEquals(LogoutReason.TOKEN_REVOKED, outcome.event().reason());
            assertEquals(LogoutScope.TOKEN_FAMILY, outcome.event().scope());
            assertEquals(2, outcome.event().tokensRevoked());
            assertEquals(0, outcome.event().sessionsEnded());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refresh.token().value(), LAPTOP).status());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(access));
            assertTrue(engine.check(session.id().value()).isActive(), "no session of the user ends");
        }
    }

    @Nested
    @DisplayName("revocations that failed in an outage")
    class Outage {

        /** Another node on the same stores: it only knows what reached the store. */
        private LogoutEngine otherNode() {
            return LogoutEngine.builder().sessionStore(sessionStore).persistentTokenStore(tokenStore)
                    .accessTokenDenylist(denylist).tokenVersionStore(versions).clock(clock).build();
        }

        @Test
        @DisplayName("a logout during an outage is refused on this node at once and reaches the store when it returns")
        void logoutIsFinishedWhenTheStoreReturns() {
            NewSession session = engine.startSession("alice", LAPTOP);
            IssuedToken rememberMe = engine.issueRememberMe(session.session());
            AccessTokenClaims access = new AccessTokenClaims(new AccessTokenId("iss", "jti-1"), "alice",
                    clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty());
            sessionsDown.set(true);
            tokensDown.set(true);
            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value())
                    .withRememberMe(rememberMe.token().value()).withAccessToken(access));
            assertFalse(outcome.succeeded());
            assertEquals(3, engine.pendingRevocations(), "the session, the remember-me series and the access token");
            assertTrue(otherNode().check(session.id().value()).isActive(), "the store has not heard of it yet");
            sessionsDown.set(false);
            tokensDown.set(false);
            assertEquals(SessionCheck.Status.INVALID, engine.check(session.id().value()).status());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(access));
            assertEquals(RefreshResult.Status.REJECTED, engine.loginWithRememberMe(rememberMe.token().value(), LAPTOP).token().status());

            awaitNoPendingRevocations();
            LogoutEngine other = otherNode();
            assertEquals(SessionCheck.Status.INVALID, other.check(session.id().value()).status());
            assertEquals(AccessTokenStatus.REVOKED, other.checkAccessToken(access));
            assertEquals(RefreshResult.Status.REJECTED, other.loginWithRememberMe(rememberMe.token().value(), LAPTOP).token().status());
        }

        @Test
        @DisplayName("a logout everywhere during an outage refuses the user's old credentials here and is retried until it lands")
        void everywhereIsRetried() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            IssuedToken refresh = engine.issueRefreshToken("alice");
            AccessTokenClaims access = new AccessTokenClaims(new AccessTokenId("iss", "jti-2"), "alice",
                    clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty());
            clock.advance(Duration.ofMillis(10));
            sessionsDown.set(true);
            tokensDown.set(true);
            assertFalse(engine.logoutEverywhere(laptop.session(), false, LAPTOP).succeeded());
            clock.advance(Duration.ofSeconds(1));
            engine.check(phone.id().value());
            assertTrue(otherNode().check(phone.id().value()).isActive(), "still down: nothing reached the store");
            sessionsDown.set(false);
            tokensDown.set(false);
            assertEquals(SessionCheck.Status.INVALID, engine.check(phone.id().value()).status());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(access));
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refresh.token().value(), LAPTOP).status());

            awaitNoPendingRevocations();
            NewSession later = engine.startSession("alice", PHONE);
            LogoutEngine other = otherNode();
            assertEquals(SessionCheck.Status.INVALID, other.check(laptop.id().value()).status());
            assertEquals(SessionCheck.Status.INVALID, other.check(phone.id().value()).status());
            assertEquals(AccessTokenStatus.REVOKED, other.checkAccessToken(access));
            assertEquals(RefreshResult.Status.REJECTED, other.refresh(refresh.token().value(), LAPTOP).status());
            assertTrue(engine.check(later.id().value()).isActive(), "a session started after the logout is not refused");
        }
    }

    @Nested
    @DisplayName("check")
    class Check {

        @Test
        @DisplayName("an idle session expires; activity within the idle timeout keeps it")
        void idleExpiry() {
            NewSession session = engine.startSession("alice", LAPTOP);
            clock.advance(Duration.ofMinutes(29));
            assertTrue(engine.check(session.id().value()).isActive());
            clock.advance(Duration.ofMinutes(29));
            assertTrue(engine.check(session.id().value()).isActive());
            clock.advance(Duration.ofMinutes(30));
            assertEquals(SessionCheck.Status.INVALID, engine.check(session.id().value()).status());
        }

        @Test
        @DisplayName("records activity at most once per touch interval")
        void touchInterval() {
            NewSession session = engine.startSession("alice", LAPTOP);
            clock.advance(Duration.ofSeconds(30));
            assertEquals(session.session().lastActiveAt(), engine.check(session.id().value()).session().orElseThrow().lastActiveAt());
            clock.advance(Duration.ofSeconds(30));
            assertEquals(clock.instant(), engine.check(session.id().value()).session().orElseThrow().lastActiveAt());
        }

        @Test
        @DisplayName("a store that cannot answer is UNAVAILABLE, not INVALID, and the session is left alone")
        void unavailable() {
            NewSession session = engine.startSession("alice", LAPTOP);
            sessionsDown.set(true);
            assertEquals(SessionCheck.Status.UNAVAILABLE, engine.check(session.id().value()).status());
            sessionsDown.set(false);
            assertTrue(engine.check(session.id().value()).isActive());
        }
    }

    @Nested
    @DisplayName("logout everywhere, sessions and security events")
    class Everywhere {

        @Test
        @DisplayName("ends every session of the user, the current one too, and no one else's")
        void endsAll() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            NewSession bob = engine.startSession("bob", LAPTOP);
            LogoutOutcome outcome = engine.logoutEverywhere(laptop.session(), false, LAPTOP);
            assertEquals(2, outcome.event().sessionsEnded());
            assertTrue(outcome.clearsClient());
            assertFalse(engine.check(laptop.id().value()).isActive());
            assertFalse(engine.check(phone.id().value()).isActive());
            assertTrue(engine.check(bob.id().value()).isActive());
            assertEquals(LogoutScope.ALL_SESSIONS, notices.get(0).scope());
        }

        @Test
        @DisplayName("keeping the current session ends only the others and leaves the client's cookies")
        void keepsCurrent() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            IssuedToken refresh = engine.issueRefreshToken("alice");
            LogoutOutcome outcome = engine.logoutEverywhere(laptop.session(), true, LAPTOP);
            assertEquals(1, outcome.event().sessionsEnded());
            assertFalse(outcome.clearsClient());
            assertTrue(engine.check(laptop.id().value()).isActive());
            assertFalse(engine.check(phone.id().value()).isActive());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refresh.token().value(), LAPTOP).status());
            SessionNotice notice = notices.get(0);
            assertFalse(notice.ends(laptop.session().handle()));
            assertTrue(notice.ends(phone.session().handle()));
        }

        @Test
        @DisplayName("lists the user's own active sessions, most recent first")
        void listsOwnSessions() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            clock.advance(Duration.ofMinutes(2));
            NewSession phone = engine.startSession("alice", PHONE);
            engine.startSession("bob", LAPTOP);
            List<Session> sessions = engine.sessionsOf(laptop.session());
            assertEquals(List.of(phone.session().handle(), laptop.session().handle()),
                    sessions.stream().map(Session::handle).toList());
            assertEquals("Safari", sessions.get(0).device().browser());
            assertEquals("iOS", sessions.get(0).device().os());
        }

        @Test
        @DisplayName("revokes one own session by handle; another user's handle is NOT_FOUND and stays alive")
        void revokesOwnOnly() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            NewSession bob = engine.startSession("bob", LAPTOP);
            assertEquals(RevokeResult.NOT_FOUND, engine.revokeSession(laptop.session(), bob.session().handle(), LAPTOP));
            assertTrue(engine.check(bob.id().value()).isActive());
            assertEquals(RevokeResult.REVOKED, engine.revokeSession(laptop.session(), phone.session().handle(), LAPTOP));
            assertFalse(engine.check(phone.id().value()).isActive());
            assertEquals(RevokeResult.REVOKED_CURRENT, engine.revokeSession(laptop.session(), laptop.session().handle(), LAPTOP));
            assertEquals(LogoutReason.REVOKED_BY_USER, events.get(events.size() - 1).reason());
        }

        @Test
        @DisplayName("revoking another device ends its remember-me series too, so it cannot sign itself back in")
        void revokingADeviceEndsItsRememberMe() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            IssuedToken phoneRememberMe = engine.issueRememberMe(phone.session());
            IssuedToken laptopRememberMe = engine.issueRememberMe(laptop.session());
            assertEquals(RevokeResult.REVOKED, engine.revokeSession(laptop.session(), phone.session().handle(), LAPTOP));
            assertEquals(RefreshResult.Status.REJECTED, engine.loginWithRememberMe(phoneRememberMe.token().value(), PHONE).token().status());
            assertEquals(1, events.get(events.size() - 1).tokensRevoked());
            assertTrue(engine.check(laptop.id().value()).isActive());
            RememberMeLogin restored = engine.loginWithRememberMe(laptopRememberMe.token().value(), LAPTOP);
            assertEquals(laptop.session().handle(), restored.session().orElseThrow().session().handle());
        }

        @Test
        @DisplayName("a stolen remember-me token used twice ends the series and every session it started")
        void rememberMeReuseEndsItsSessions() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession other = engine.startSession("alice", PHONE);
            IssuedToken stolen = engine.issueRememberMe(laptop.session());
            NewSession thief = engine.loginWithRememberMe(stolen.token().value(), PHONE).session().orElseThrow();
            clock.advance(LogoutEngine.DEFAULT_REFRESH_GRACE_WINDOW);
            assertEquals(RefreshResult.Status.REUSE_DETECTED, engine.loginWithRememberMe(stolen.token().value(), LAPTOP).token().status());
            assertFalse(engine.check(thief.id().value()).isActive());
            assertFalse(engine.check(laptop.id().value()).isActive());
            assertTrue(engine.check(other.id().value()).isActive());
            assertEquals(LogoutReason.TOKEN_REUSE, events.get(events.size() - 1).reason());
            assertEquals(2, events.get(events.size() - 1).sessionsEnded());
        }

        @Test
        @DisplayName("a password change keeps the current session under a new id and ends everything else")
        void passwordChangeRotatesCurrent() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            NewSession phone = engine.startSession("alice", PHONE);
            LogoutOutcome outcome = engine.onSecurityEvent(SecurityEvent.PASSWORD_CHANGED, "alice",
                    Optional.of(laptop.session()), LAPTOP);
            NewSession replacement = outcome.replacement().orElseThrow();
            assertNotEquals(laptop.id(), replacement.id());
            assertEquals(laptop.session().handle(), replacement.session().handle());
            assertFalse(engine.check(laptop.id().value()).isActive());
            assertFalse(engine.check(phone.id().value()).isActive());
            assertTrue(engine.check(replacement.id().value()).isActive());
            assertEquals(1, engine.tokenState("alice").version());
            assertEquals(LogoutReason.PASSWORD_CHANGED, outcome.event().reason());
        }

        @Test
        @DisplayName("a reported concern ends every session, the current one included")
        void concernEndsAll() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            LogoutOutcome outcome = engine.onSecurityEvent(SecurityEvent.CONCERN_REPORTED, "alice",
                    Optional.of(laptop.session()), LAPTOP);
            assertTrue(outcome.replacement().isEmpty());
            assertTrue(outcome.clearsClient());
            assertFalse(engine.check(laptop.id().value()).isActive());
        }

        @Test
        @DisplayName("an administrator ends all of a user's sessions without clearing their own client")
        void adminEndsAll() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            LogoutOutcome outcome = engine.admin().endAllSessions("alice", new LogoutEvent.Admin("ops-1", "account takeover"), PHONE);
            assertFalse(outcome.clearsClient());
            assertEquals(LogoutReason.ADMIN, outcome.event().reason());
            assertFalse(engine.check(laptop.id().value()).isActive());
        }

        @Test
        @DisplayName("a store failure during logout everywhere is reported, and the client is still cleared")
        void everywhereFailure() {
            NewSession laptop = engine.startSession("alice", LAPTOP);
            sessionsDown.set(true);
            LogoutOutcome outcome = engine.logoutEverywhere(laptop.session(), false, LAPTOP);
            assertEquals(Set.of(LogoutStep.SESSION_STORE), outcome.failedSteps());
            assertTrue(outcome.serverSideFailed());
            assertTrue(outcome.clearsClient());
        }
    }

    @Nested
    @DisplayName("builder")
    class Builder {

        @Test
        @DisplayName("refuses a missing store, naming it")
        void missingStore() {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LogoutEngine.builder().build());
            assertTrue(e.getMessage().contains("sessionStore"), e.getMessage());
        }

        @Test
        @DisplayName("refuses an off-site redirect and inconsistent timeouts")
        void invalidSettings() {
            for (String redirect : List.of("https://evil.example/", "//evil.example", "/\\evil.example", "login", "/a b")) {
                assertThrows(IllegalStateException.class, () -> LogoutEngine.builder().inMemory().logoutRedirect(redirect).build(), redirect);
            }
            assertThrows(IllegalStateException.class, () -> LogoutEngine.builder().inMemory()
                    .idleTimeout(Duration.ofMinutes(1)).touchInterval(Duration.ofMinutes(1)).build());
            assertThrows(IllegalStateException.class, () -> LogoutEngine.builder().inMemory()
                    .refreshGraceWindow(Duration.ofSeconds(-1)).build());
            assertThrows(IllegalStateException.class, () -> LogoutEngine.builder().inMemory()
                    .cookieClearer(List::of).clearHostOnlyTwins(true).build());
        }
    }
}
