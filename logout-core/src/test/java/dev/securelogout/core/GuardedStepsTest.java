package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.SessionNotifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The steps after the stores: notifier, cookie clearer, listeners. Each is guarded like a store. */
class GuardedStepsTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");

    private final TestClock clock = new TestClock();

    @Test
    @DisplayName("a failing notifier is a failed step: the session still ends, the listeners and the client instructions still come")
    void failingNotifier() {
        List<LogoutEvent> events = new CopyOnWriteArrayList<>();
        SessionNotifier broken = new SessionNotifier() {
            @Override
            public void publish(SessionNotice notice) {
                throw new IllegalStateException("message bus down");
            }

            @Override
            public Subscription subscribe(String userId, Consumer<SessionNotice> subscriber) {
                return () -> { };
            }
        };
        try (LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).notifier(broken).listener(events::add).build()) {
            NewSession session = engine.startSession("alice", LAPTOP);
            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
            assertEquals(Set.of(LogoutStep.NOTIFIER), outcome.failedSteps());
            assertFalse(outcome.serverSideFailed(), "the session did end: the store is the authority, the notice a courtesy");
            assertFalse(engine.check(session.id().value()).isActive());
            assertEquals(engine.clientInstructions(), outcome.client());
            assertEquals(1, events.size());
            assertEquals(Set.of(LogoutStep.NOTIFIER), events.get(0).failedSteps(), "the audit line says what failed");
        }
    }

    @Test
    @DisplayName("a throwing cookie clearer is a failed step: the session and remember-me cookies are deleted instead")
    void throwingClearer() {
        try (LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).cookieClearer(() -> {
            throw new IllegalStateException("clearer bug");
        }).build()) {
            NewSession session = engine.startSession("alice", LAPTOP);
            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
            assertEquals(Set.of(LogoutStep.COOKIE_CLEARER), outcome.failedSteps());
            assertFalse(outcome.serverSideFailed());
            assertFalse(engine.check(session.id().value()).isActive());
            assertEquals(List.of(engine.sessionCookie().clearing(), engine.rememberMeCookie().clearing()), outcome.setCookies());
            assertEquals(EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.STORAGE), outcome.clearSiteData());
            assertTrue(outcome.clearsClient());
        }
    }

    @Test
    @DisplayName("the adapter's last-resort instructions are the logout's, alsoClear and a custom Clear-Site-Data included")
    void fallbackInstructionsAreTheLogouts() {
        CookieSpec csrf = CookieSpec.named("XSRF-TOKEN").httpOnly(false).build();
        CookieSpec app = CookieSpec.named("app-state").domain("example.com").build();
        try (LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).alsoClear(csrf, app).clearHostOnlyTwins(true)
                .clearSiteData(EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.EXECUTION_CONTEXTS)).logoutRedirect("/bye").build()) {
            NewSession session = engine.startSession("alice", LAPTOP);
            LogoutOutcome outcome = engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
            assertEquals(engine.clientInstructions(), outcome.client());
            assertEquals(List.of(engine.sessionCookie().clearing(), engine.rememberMeCookie().clearing(), csrf.clearing(),
                    app.clearing(), app.withoutDomain().clearing()), outcome.setCookies());
            assertEquals(Set.of(ClearSiteData.COOKIES, ClearSiteData.EXECUTION_CONTEXTS), outcome.clearSiteData());
            assertEquals("/bye", outcome.redirectTo());
        }
    }
}
