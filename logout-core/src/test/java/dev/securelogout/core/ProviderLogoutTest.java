package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderLogoutTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final Device PHONE = Device.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1", "192.0.2.2");
    private static final Device PROVIDER = Device.of("provider/1.0", "10.0.0.9");
    private static final String ISSUER = "https://idp.example.com/realms/demo";
    private static final ProviderSession SSO_A = new ProviderSession(ISSUER, "sid-a");
    private static final ProviderSession SSO_B = new ProviderSession(ISSUER, "sid-b");

    private final TestClock clock = new TestClock();
    private final List<LogoutEvent> events = new CopyOnWriteArrayList<>();
    private final List<SessionNotice> notices = new CopyOnWriteArrayList<>();
    private final SessionNotifier notifier = InMemoryStores.notifier();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).notifier(notifier)
            .listener(events::add).build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    @DisplayName("a session started from a provider session remembers it")
    void remembersItsProviderSession() {
        NewSession started = engine.startSession("alice", LAPTOP, SSO_A);
        assertEquals(Optional.of(SSO_A), started.session().provider());
        assertEquals(Optional.of(SSO_A), engine.check(started.id().value()).session().orElseThrow().provider());
        assertEquals(Optional.empty(), engine.startSession("alice", PHONE).session().provider());
    }

    @Test
    @DisplayName("the provider session's logout ends its sessions and their remember-me series, tells their pages, and leaves the other provider session alone")
    void endsTheSessionsOfOneProviderSession() {
        NewSession laptop = engine.startSession("alice", LAPTOP, SSO_A);
        IssuedToken rememberMe = engine.issueRememberMe(laptop.session());
        NewSession phone = engine.startSession("alice", PHONE, SSO_B);
        notifier.subscribe("alice", notices::add);

        LogoutOutcome outcome = engine.providerLogout(Optional.of(SSO_A), Optional.empty(), PROVIDER);

        assertFalse(engine.check(laptop.id().value()).isActive());
        assertEquals(RefreshResult.Status.REJECTED,
                engine.loginWithRememberMe(rememberMe.token().value(), LAPTOP).token().status());
        assertTrue(engine.check(phone.id().value()).isActive());
        assertFalse(outcome.clearsClient());
        assertFalse(outcome.serverSideFailed());
        assertEquals(LogoutReason.PROVIDER_LOGOUT, outcome.event().reason());
        assertEquals(1, outcome.event().sessionsEnded());
        assertEquals(Optional.of("alice"), outcome.event().userId());
        assertEquals(new SessionNotice("alice", LogoutReason.PROVIDER_LOGOUT, LogoutScope.SESSION,
                Optional.of(laptop.session().handle())), notices.get(0));
    }

    @Test
    @DisplayName("a provider logout that names the user too refuses the access tokens issued to them before")
    void namingTheUserRefusesTheirAccessTokens() {
        engine.startSession("alice", LAPTOP, SSO_A);
        AccessTokenClaims before = new AccessTokenClaims(new AccessTokenId(ISSUER, "at-1"), "alice",
                clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty(), Optional.empty());
        assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(before));
        clock.advance(Duration.ofSeconds(1));

        engine.providerLogout(Optional.of(SSO_A), Optional.of("alice"), PROVIDER);

        assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(before));
    }

    @Test
    @DisplayName("a provider logout naming only the user ends every session and token of that user")
    void userOnlyEndsEverything() {
        NewSession laptop = engine.startSession("alice", LAPTOP, SSO_A);
        NewSession phone = engine.startSession("alice", PHONE);
        NewSession bob = engine.startSession("bob", PHONE, SSO_B);
        IssuedToken refresh = engine.issueRefreshToken("alice");

        LogoutOutcome outcome = engine.providerLogout(Optional.empty(), Optional.of("alice"), PROVIDER);

        assertFalse(engine.check(laptop.id().value()).isActive());
        assertFalse(engine.check(phone.id().value()).isActive());
        assertTrue(engine.check(bob.id().value()).isActive());
        assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refresh.token().value(), PHONE).status());
        assertEquals(LogoutReason.PROVIDER_LOGOUT, outcome.event().reason());
        assertFalse(outcome.clearsClient());
    }

    @Test
    @DisplayName("a provider logout naming nothing is refused")
    void namingNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> engine.providerLogout(Optional.empty(), Optional.empty(), PROVIDER));
    }

    @Test
    @DisplayName("a one-time token id is accepted once, then refused as a replay until its expiry")
    void oneTimeTokenIds() {
        AccessTokenId id = new AccessTokenId("urn:test:logout-token", "jti-1");
        assertTrue(engine.useOnce(id, clock.instant().plus(Duration.ofMinutes(2))));
        assertFalse(engine.useOnce(id, clock.instant().plus(Duration.ofMinutes(2))));
        assertTrue(engine.useOnce(new AccessTokenId("urn:test:logout-token", "jti-2"), clock.instant().plus(Duration.ofMinutes(2))));
        clock.advance(Duration.ofMinutes(3));
        assertTrue(engine.useOnce(id, clock.instant().plus(Duration.ofMinutes(2))));
    }
}
