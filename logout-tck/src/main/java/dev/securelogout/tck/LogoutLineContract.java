package dev.securelogout.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.RememberMeLogin;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.SessionLimitReachedException;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine promises about a device's lineage and about logout as a line in time, on the
 * stores a subclass wires, across two nodes: everything a device obtained (a session restored from
 * its remember-me series, the series' rotations, the refresh family and the access tokens minted
 * from it) dies with it, and once a logout everywhere returns nothing issued before or during it
 * is accepted on either node, however restores and refreshes race it. A session limit holds
 * across nodes, and the devices it evicts end entirely.
 *
 * <p>Extend it and return, from {@link #node()}, a builder of a new engine over the same backing
 * stores on each call (for an in-memory store: the same store objects), on the system clock.
 */
public abstract class LogoutLineContract {

    /** For subclasses, one per implementation under test. */
    protected LogoutLineContract() {
    }

    /** How many rounds the race runs; each races one restore loop and one refresh loop on the other node. */
    protected static final int ROUNDS = 40;

    private static final Device OWNER = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.10");
    private static final Device THIEF = Device.of("curl/8.5.0", "198.51.100.7");

    private final List<LogoutEngine> started = new ArrayList<>();

    /**
     * A builder of one more node over the shared stores; the contract builds and closes it.
     *
     * @return this builder
     */
    protected abstract LogoutEngine.Builder node();

    @AfterEach
    void closeNodes() {
        started.forEach(LogoutEngine::close);
        started.clear();
    }

    @Test
    void aCopiedRememberMeCookieDiesWithTheLogoutOfTheDeviceItWasCopiedFrom() {
        LogoutEngine owner = start();
        LogoutEngine other = start();
        String user = Users.newUser();
        NewSession login = owner.startSession(user, OWNER);
        IssuedToken rememberMe = owner.issueRememberMe(login.session());
        RememberMeLogin copy = other.loginWithRememberMe(rememberMe.token().value(), THIEF);
        assertEquals(RefreshResult.Status.ROTATED, copy.token().status(), "the copied cookie restores a session");
        String copySession = copy.session().orElseThrow().id().value();

        LogoutOutcome outcome = owner.logout(LogoutRequest.from(OWNER).withSession(login.session())
                .withRememberMe(rememberMe.token().value()));

        assertTrue(!outcome.serverSideFailed(), "the logout reached every store");
        for (LogoutEngine node : List.of(owner, other)) {
            assertEquals(SessionCheck.Status.INVALID, node.check(copySession).status(), "the copy's session is ended");
            assertEquals(RefreshResult.Status.REJECTED,
                    node.loginWithRememberMe(copy.token().token().orElseThrow().token().value(), THIEF).token().status(),
                    "the copy's rotated cookie restores nothing");
        }
    }

    @Test
    void revokingARefreshTokenRefusesTheAccessTokensMintedFromItAtOnce() {
        LogoutEngine issuer = start();
        LogoutEngine other = start();
        String user = Users.newUser();
        IssuedToken refresh = issuer.issueRefreshToken(user, THIEF);
        RefreshResult rotated = other.refresh(refresh.token().value(), THIEF);
        AccessTokenClaims minted = accessToken(rotated.token().orElseThrow());
        assertEquals(AccessTokenStatus.ACTIVE, issuer.checkAccessToken(minted));

        issuer.revokeToken(rotated.token().orElseThrow().token().value(), Optional.empty(), OWNER);

        for (LogoutEngine node : List.of(issuer, other)) {
            assertEquals(AccessTokenStatus.REVOKED, node.checkAccessToken(minted), "refused before its expiry");
        }
    }

    @Test
    void reuseOfASpentRefreshTokenRefusesTheFamilysAccessTokens() {
        LogoutEngine node = start(b -> b.refreshGraceWindow(Duration.ZERO)); // a replay at once is reuse
        String user = Users.newUser();
        IssuedToken refresh = node.issueRefreshToken(user, THIEF);
        AccessTokenClaims minted = accessToken(node.refresh(refresh.token().value(), THIEF).token().orElseThrow());

        assertEquals(RefreshResult.Status.REUSE_DETECTED, node.refresh(refresh.token().value(), THIEF).status());

        assertEquals(AccessTokenStatus.REVOKED, node.checkAccessToken(minted));
    }

    @Test
    void anApiClientIsADeviceWhoseRevocationRefusesItsAccessTokens() {
        LogoutEngine node = start();
        String user = Users.newUser();
        NewSession browser = node.startSession(user, OWNER);
        IssuedToken client = node.issueRefreshToken(user, THIEF);
        AccessTokenClaims minted = accessToken(client);

        assertEquals(List.of(client.grant()), node.apiClientsOf(browser.session()).stream().map(t -> t.familyId()).toList());
        assertEquals("curl/8.5.0", node.apiClientsOf(browser.session()).get(0).device().userAgent());
        node.revokeSession(browser.session(), client.grant(), OWNER);

        assertEquals(AccessTokenStatus.REVOKED, node.checkAccessToken(minted));
        assertEquals(RefreshResult.Status.REJECTED, node.refresh(client.token().value(), THIEF).status());
        assertTrue(node.apiClientsOf(browser.session()).isEmpty());
    }

    /**
     * Each round: the owner signs in with remember-me and a refresh token on one node; a copy of
     * the cookie is restored, and the refresh token rotated, in loops on the other node; the owner
     * logs out everywhere meanwhile. After it returned, every session, refresh token and access
     * token the loops obtained must be refused on both nodes.
     */
    @Test
    void nothingIssuedBeforeOrDuringALogoutEverywhereSurvivesIt() throws Exception {
        LogoutEngine owner = start();
        LogoutEngine other = start();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> survivors = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String user = Users.newUser();
                NewSession login = owner.startSession(user, OWNER);
                IssuedToken rememberMe = owner.issueRememberMe(login.session());
                IssuedToken refresh = owner.issueRefreshToken(user, THIEF);
                ConcurrentLinkedQueue<String> sessions = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<IssuedToken> refreshTokens = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch running = new CountDownLatch(2);
                Future<?> restores = pool.submit(() -> {
                    String cookie = rememberMe.token().value();
                    running.countDown();
                    while (!stop.get()) {
                        RememberMeLogin restored = other.loginWithRememberMe(cookie, THIEF);
                        if (restored.session().isEmpty()) {
                            return;
                        }
                        sessions.add(restored.session().get().id().value());
                        cookie = restored.token().token().orElseThrow().token().value();
                    }
                });
                Future<?> refreshes = pool.submit(() -> {
                    String token = refresh.token().value();
                    running.countDown();
                    while (!stop.get()) {
                        RefreshResult rotated = other.refresh(token, THIEF);
                        if (rotated.token().isEmpty()) {
                            return;
                        }
                        refreshTokens.add(rotated.token().get());
                        token = rotated.token().get().token().value();
                    }
                });
                assertTrue(running.await(10, TimeUnit.SECONDS), "the racing loops started");
                LogoutOutcome outcome = owner.logoutEverywhere(login.session(), false, OWNER);
                stop.set(true);
                restores.get(30, TimeUnit.SECONDS);
                refreshes.get(30, TimeUnit.SECONDS);
                assertTrue(!outcome.serverSideFailed(), "round " + round + ": the logout reached every store");
                for (LogoutEngine node : List.of(owner, other)) {
                    for (String session : sessions) {
                        if (node.check(session).status() != SessionCheck.Status.INVALID) {
                            survivors.add("round " + round + ": a restored session");
                        }
                    }
                    for (IssuedToken token : refreshTokens) {
                        if (node.checkAccessToken(accessToken(token)) != AccessTokenStatus.REVOKED) {
                            survivors.add("round " + round + ": an access token minted from a racing refresh");
                        }
                    }
                }
                IssuedToken last = refreshTokens.isEmpty() ? refresh : List.copyOf(refreshTokens).get(refreshTokens.size() - 1);
                if (other.refresh(last.token().value(), THIEF).status() == RefreshResult.Status.ROTATED) {
                    survivors.add("round " + round + ": the racing refresh family");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), survivors, "nothing survives a logout everywhere");
    }

    @Test
    void loginsRacingOnTwoNodesBeyondTheLimitEndTheLeastRecentlyActiveDevices() throws Exception {
        LogoutEngine first = start(b -> b.sessionLimit(SessionLimit.evictingBeyond(2)));
        LogoutEngine second = start(b -> b.sessionLimit(SessionLimit.evictingBeyond(2)));
        String user = Users.newUser();
        NewSession oldest = first.startSession(user, OWNER);
        IssuedToken oldestRememberMe = first.issueRememberMe(oldest.session());
        NewSession older = second.startSession(user, OWNER);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<NewSession> a = pool.submit(() -> {
                go.await();
                return first.startSession(user, THIEF);
            });
            Future<NewSession> b = pool.submit(() -> {
                go.await();
                return second.startSession(user, THIEF);
            });
            go.countDown();
            List<String> newest = List.of(a.get(30, TimeUnit.SECONDS).id().value(), b.get(30, TimeUnit.SECONDS).id().value());
            for (LogoutEngine node : List.of(first, second)) {
                assertEquals(SessionCheck.Status.INVALID, node.check(oldest.id().value()).status(), "the oldest device ended");
                assertEquals(SessionCheck.Status.INVALID, node.check(older.id().value()).status(), "the older device ended");
                for (String id : newest) {
                    assertEquals(SessionCheck.Status.ACTIVE, node.check(id).status(), "the racing logins both stand");
                }
            }
            assertEquals(RefreshResult.Status.REJECTED,
                    second.loginWithRememberMe(oldestRememberMe.token().value(), OWNER).token().status(),
                    "the evicted device cannot sign itself back in");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoginBeyondARefusingLimitChangesNothing() {
        LogoutEngine node = start(b -> b.sessionLimit(SessionLimit.refusingBeyond(2)));
        String user = Users.newUser();
        NewSession one = node.startSession(user, OWNER);
        NewSession two = node.startSession(user, OWNER);

        assertThrows(SessionLimitReachedException.class, () -> node.startSession(user, THIEF));

        assertEquals(List.of(one.session().handle(), two.session().handle()).stream().sorted().toList(),
                node.sessionsOf(one.session()).stream().map(s -> s.handle()).sorted().toList());
    }

    private LogoutEngine start() {
        return start(UnaryOperator.identity());
    }

    private LogoutEngine start(UnaryOperator<LogoutEngine.Builder> settings) {
        LogoutEngine engine = settings.apply(node()).build();
        started.add(engine);
        return engine;
    }

    /** The claims of an access token minted from {@code refresh} as {@code JwtIssuer.issue(IssuedToken)} mints them. */
    private static AccessTokenClaims accessToken(IssuedToken refresh) {
        Instant now = Instant.now();
        return new AccessTokenClaims(new AccessTokenId("https://issuer.test", UUID.randomUUID().toString()),
                refresh.record().userId(), now, now.plus(Duration.ofMinutes(5)),
                OptionalLong.of(refresh.state().version()), Optional.of(refresh.grant()));
    }
}
