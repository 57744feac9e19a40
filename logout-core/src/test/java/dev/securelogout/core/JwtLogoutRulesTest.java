package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every JWT and refresh-token rule of issue 5, through the real {@link LogoutEngine} over the
 * in-memory stores, on a test clock. Access tokens are the claims an app's verifier returns: core
 * never sees a JWT.
 */
class JwtLogoutRulesTest {

    private static final String ISSUER = "https://auth.example.com";
    private static final String USER = "alice";
    private static final Device CLIENT = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "192.0.2.10");

    private final TestClock clock = new TestClock();
    private final InMemoryStores.CountingDenylist denylist = InMemoryStores.accessTokenDenylist(clock);
    private final List<LogoutEvent> events = new CopyOnWriteArrayList<>();
    private ExecutorService pool;

    /** Every test starts half-way through a second, so that "the same second" is deterministic. */
    @BeforeEach
    void startMidSecond() {
        moveTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plusMillis(1500));
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    private LogoutEngine engine() {
        return engine(b -> { });
    }

    private LogoutEngine engine(Consumer<LogoutEngine.Builder> settings) {
        LogoutEngine.Builder builder = LogoutEngine.builder()
                .sessionStore(InMemoryStores.sessionStore(clock))
                .persistentTokenStore(InMemoryStores.persistentTokenStore(clock))
                .accessTokenDenylist(denylist)
                .tokenVersionStore(InMemoryStores.tokenVersionStore())
                .clock(clock)
                .noListeners()
                .listener(events::add);
        settings.accept(builder);
        return builder.build();
    }

    /** The claims of a token issued now to {@link #USER}, living five minutes. */
    private AccessTokenClaims accessToken(String jti, OptionalLong version) {
        Instant iat = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new AccessTokenClaims(new AccessTokenId(ISSUER, jti), USER, iat, iat.plusSeconds(300), version);
    }

    private AccessTokenClaims accessToken(String jti) {
        return accessToken(jti, OptionalLong.empty());
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Nested
    @DisplayName("access tokens")
    class AccessTokens {

        @Test
        void loggedOutAccessTokenIsRefusedOnTheNextCheck() {
            LogoutEngine engine = engine();
            AccessTokenClaims token = accessToken("jti-1");
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(token));

            LogoutOutcome outcome = engine.logout(LogoutRequest.from(CLIENT).withAccessToken(token));

            assertTrue(outcome.event().succeeded());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(token));
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(accessToken("jti-2")));
        }

        @Test
        void accessTokenFromBeforeLogoutEverywhereIsRefusedThoughNeverListed() {
            LogoutEngine engine = engine();
            AccessTokenClaims before = accessToken("jti-before", OptionalLong.of(engine.tokenState(USER).version()));
            AccessTokenClaims beforeWithoutVersion = accessToken("jti-before-plain");
            clock.advance(Duration.ofSeconds(2));

            engine.logoutEverywhere(engine.startSession(USER, CLIENT).session(), false, CLIENT);

            assertEquals(0, denylist.size(), "nothing was listed");
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(before));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(beforeWithoutVersion));
        }

        @Test
        void tokenIssuedInTheSameSecondBeforeLogoutEverywhereIsRefusedWithOrWithoutVersion() {
            LogoutEngine engine = engine();
            Session session = engine.startSession(USER, CLIENT).session();
            AccessTokenClaims versioned = accessToken("jti-v", OptionalLong.of(engine.tokenState(USER).version()));
            AccessTokenClaims plain = accessToken("jti-p");
            clock.advance(Duration.ofMillis(200)); // still the same second: iat cannot tell them apart

            engine.logoutEverywhere(session, false, CLIENT);

            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(versioned));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(plain));
        }

        @Test
        void tokenIssuedAfterLogoutEverywhereWithTheNewVersionIsAccepted() {
            LogoutEngine engine = engine();
            engine.logoutEverywhere(engine.startSession(USER, CLIENT).session(), false, CLIENT);
            clock.advance(Duration.ofMillis(200)); // the same second as the logout

            AccessTokenClaims after = accessToken("jti-after", OptionalLong.of(engine.tokenState(USER).version()));

            assertEquals(1, after.version().getAsLong());
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(after));
        }

        @Test
        void tokenWithoutVersionIsJudgedByWholeSecondsAndSoFailsClosedInTheSameSecond() {
            LogoutEngine engine = engine();
            engine.logoutEverywhere(engine.startSession(USER, CLIENT).session(), false, CLIENT);
            clock.advance(Duration.ofMillis(200));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(accessToken("same-second")));

            clock.advance(Duration.ofMillis(400)); // the next second
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(accessToken("next-second")));
        }

        @Test
        void denylistEntriesAreGoneAfterTheTokensExpiry() {
            LogoutEngine engine = engine();
            AccessTokenClaims token = accessToken("jti-exp");
            engine.logout(LogoutRequest.from(CLIENT).withAccessToken(token));
            assertEquals(1, denylist.size());

            moveTo(token.expiresAt().minusMillis(1));
            assertEquals(1, denylist.size());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(token));

            moveTo(token.expiresAt());
            assertFalse(denylist.isDenied(token.id()), "the entry counts as absent from exp on");
            // the memory goes within the expiry timer's granularity (about a second in Caffeine)
            clock.advance(Duration.ofSeconds(2));
            assertEquals(0, denylist.size());
            assertEquals(AccessTokenStatus.EXPIRED, engine.checkAccessToken(token));
        }

        @Test
        void expiredAccessTokenIsNotListedAtAll() {
            LogoutEngine engine = engine();
            AccessTokenClaims token = accessToken("jti-old");
            moveTo(token.expiresAt().plusSeconds(1));

            engine.logout(LogoutRequest.from(CLIENT).withAccessToken(token));

            assertEquals(0, denylist.size());
        }

        @Test
        void denylistIsKeyedByIssuerAndJti() {
            LogoutEngine engine = engine();
            AccessTokenClaims token = accessToken("shared-jti");
            engine.logout(LogoutRequest.from(CLIENT).withAccessToken(token));

            AccessTokenClaims otherIssuer = new AccessTokenClaims(new AccessTokenId("https://other.example.com", "shared-jti"),
                    USER, token.issuedAt(), token.expiresAt(), OptionalLong.empty());
            // a re-encoded token verifies to the same iss and jti, whatever else its text holds
            AccessTokenClaims reEncoded = new AccessTokenClaims(new AccessTokenId(ISSUER, "shared-jti"),
                    USER, token.issuedAt(), token.expiresAt().plusSeconds(60), OptionalLong.of(0));

            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(otherIssuer));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(reEncoded));
        }
    }

    @Nested
    @DisplayName("refresh tokens")
    class RefreshTokens {

        @Test
        void everyUseRotatesTheToken() {
            LogoutEngine engine = engine();
            String token = engine.issueRefreshToken(USER).token().value();
            List<String> seen = new ArrayList<>(List.of(token));
            for (int i = 0; i < 5; i++) {
                RefreshResult result = engine.refresh(token, CLIENT);
                assertEquals(RefreshResult.Status.ROTATED, result.status());
                token = result.token().orElseThrow().token().value();
                assertFalse(seen.contains(token), "a new token on every use");
                seen.add(token);
            }
        }

        @Test
        void reusedTokenRevokesTheWholeFamilyAndPublishesTokenReuse() {
            LogoutEngine engine = engine();
            IssuedToken first = engine.issueRefreshToken(USER);
            IssuedToken other = engine.issueRefreshToken(USER);
            String second = engine.refresh(first.token().value(), CLIENT).token().orElseThrow().token().value();
            String third = engine.refresh(second, CLIENT).token().orElseThrow().token().value();
            events.clear();

            assertEquals(RefreshResult.Status.REUSE_DETECTED, engine.refresh(first.token().value(), CLIENT).status());

            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(third, CLIENT).status(), "the current successor too");
            assertEquals(RefreshResult.Status.ROTATED, engine.refresh(other.token().value(), CLIENT).status(),
                    "another family of the same user lives on");
            assertEquals(1, events.size());
            LogoutEvent event = events.get(0);
            assertEquals(LogoutReason.TOKEN_REUSE, event.reason());
            assertEquals(Optional.of(USER), event.userId());
        }

        @Test
        void familyEndsAtItsAbsoluteLifetimeWhateverTheRotations() {
            LogoutEngine engine = engine(b -> b.refreshTokenTimeToLive(Duration.ofMinutes(30))
                    .refreshFamilyLifetime(Duration.ofHours(1)));
            IssuedToken issued = engine.issueRefreshToken(USER);
            Instant familyEnd = issued.record().familyExpiresAt();
            String token = issued.token().value();
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofMinutes(25));
                RefreshResult result = engine.refresh(token, CLIENT);
                assertEquals(RefreshResult.Status.ROTATED, result.status());
                assertFalse(result.token().orElseThrow().record().expiresAt().isAfter(familyEnd));
                token = result.token().orElseThrow().token().value();
            }
            moveTo(familyEnd);

            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(token, CLIENT).status());
        }

        @Test
        void twoConcurrentRefreshesOfOneTokenRotateExactlyOnce() throws Exception {
            LogoutEngine engine = engine(b -> b.refreshGraceWindow(Duration.ZERO));
            int threads = 4;
            pool = Executors.newFixedThreadPool(threads);
            for (int round = 0; round < 200; round++) {
                List<RefreshResult> results = raceRefresh(engine, engine.issueRefreshToken(USER).token().value(), threads);
                assertEquals(1, results.stream().filter(r -> r.status() == RefreshResult.Status.ROTATED).count(),
                        "round " + round + ": " + results);
                assertEquals(threads - 1, results.stream().filter(r -> r.status() != RefreshResult.Status.ROTATED)
                        .filter(r -> r.status() == RefreshResult.Status.REUSE_DETECTED
                                || r.status() == RefreshResult.Status.REJECTED).count());
            }
        }

        @Test
        void insideTheGraceWindowRacingRefreshesAllGetTheSameSuccessor() throws Exception {
            LogoutEngine engine = engine(b -> b.refreshGraceWindow(Duration.ofSeconds(10)));
            int threads = 4;
            pool = Executors.newFixedThreadPool(threads);
            for (int round = 0; round < 200; round++) {
                List<RefreshResult> results = raceRefresh(engine, engine.issueRefreshToken(USER).token().value(), threads);
                assertTrue(results.stream().allMatch(r -> r.status() == RefreshResult.Status.ROTATED), results::toString);
                assertEquals(1, results.stream().map(r -> r.token().orElseThrow().token().value()).distinct().count());
            }
        }

        /** Presents {@code token} from {@code threads} threads released at once. */
        private List<RefreshResult> raceRefresh(LogoutEngine engine, String token, int threads) throws Exception {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RefreshResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return engine.refresh(token, CLIENT);
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            start.countDown();
            List<RefreshResult> results = new ArrayList<>();
            for (Future<RefreshResult> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        }

        @Test
        void graceWindowReturnsTheSameNewTokenInsideAndDetectsReuseAfter() {
            LogoutEngine engine = engine(b -> b.refreshGraceWindow(Duration.ofSeconds(10)));
            String first = engine.issueRefreshToken(USER).token().value();
            RefreshResult rotated = engine.refresh(first, CLIENT);
            String successor = rotated.token().orElseThrow().token().value();

            clock.advance(Duration.ofSeconds(9));
            RefreshResult replay = engine.refresh(first, CLIENT);
            assertEquals(RefreshResult.Status.ROTATED, replay.status());
            assertEquals(successor, replay.token().orElseThrow().token().value());
            assertTrue(events.isEmpty());

            clock.advance(Duration.ofSeconds(1));
            assertEquals(RefreshResult.Status.REUSE_DETECTED, engine.refresh(first, CLIENT).status());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(successor, CLIENT).status());
            assertEquals(List.of(LogoutReason.TOKEN_REUSE), events.stream().map(LogoutEvent::reason).toList());
        }

        @Test
        @DisplayName("by default two tabs racing one refresh both end with the same working token; a replay after ten seconds kills the family")
        void racingRefreshesAreForgivenByDefault() {
            LogoutEngine engine = engine();
            String first = engine.issueRefreshToken(USER).token().value();
            String successor = engine.refresh(first, CLIENT).token().orElseThrow().token().value();
            clock.advance(LogoutEngine.DEFAULT_REFRESH_GRACE_WINDOW.minusMillis(1));

            RefreshResult racing = engine.refresh(first, CLIENT);
            assertEquals(RefreshResult.Status.ROTATED, racing.status());
            assertEquals(successor, racing.token().orElseThrow().token().value());

            clock.advance(Duration.ofMillis(1));
            assertEquals(RefreshResult.Status.REUSE_DETECTED, engine.refresh(first, CLIENT).status());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(successor, CLIENT).status(), "the family is dead");
        }

        @Test
        void logoutWithARefreshTokenRevokesItsFamily() {
            LogoutEngine engine = engine();
            String first = engine.issueRefreshToken(USER).token().value();
            String current = engine.refresh(first, CLIENT).token().orElseThrow().token().value();
            String other = engine.issueRefreshToken(USER).token().value();

            LogoutOutcome outcome = engine.logout(LogoutRequest.from(CLIENT).withRefreshToken(first));

            assertEquals(1, outcome.event().tokensRevoked());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(current, CLIENT).status());
            assertEquals(RefreshResult.Status.ROTATED, engine.refresh(other, CLIENT).status());
        }

        @Test
        void garbageRefreshTokenIsRejected() {
            LogoutEngine engine = engine();
            for (String garbage : new String[] {"", "x", "a".repeat(10_000), "AAAAAAAAAAA.BBBB"}) {
                assertEquals(RefreshResult.Status.REJECTED, engine.refresh(garbage, CLIENT).status());
            }
        }
    }

    @Nested
    @DisplayName("logout everywhere and security events")
    class Everywhere {

        /** Two refresh families, a listed-nowhere access token, then {@code action}: all refused after. */
        private void assertEverythingRevokedBy(LogoutEngine engine, Consumer<Session> action) {
            Session session = engine.startSession(USER, CLIENT).session();
            String refreshA = engine.issueRefreshToken(USER).token().value();
            String refreshB = engine.refresh(engine.issueRefreshToken(USER).token().value(), CLIENT)
                    .token().orElseThrow().token().value();
            String otherUser = engine.issueRefreshToken("bob").token().value();
            long version = engine.tokenState(USER).version();
            AccessTokenClaims access = accessToken("jti-everywhere", OptionalLong.of(version));

            action.accept(session);

            assertEquals(version + 1, engine.tokenState(USER).version());
            assertEquals(clock.instant(), engine.tokenState(USER).notBefore());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(access));
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refreshA, CLIENT).status());
            assertEquals(RefreshResult.Status.REJECTED, engine.refresh(refreshB, CLIENT).status());
            assertEquals(RefreshResult.Status.ROTATED, engine.refresh(otherUser, CLIENT).status());
            assertEquals(0, engine.tokenState("bob").version());
        }

        @Test
        void logoutEverywhereRevokesAllRefreshTokensAndBumpsTheTokenState() {
            LogoutEngine engine = engine();
            assertEverythingRevokedBy(engine, session -> engine.logoutEverywhere(session, false, CLIENT));
        }

        @Test
        void logoutEverywhereKeepingTheCurrentSessionStillRevokesEveryToken() {
            LogoutEngine engine = engine();
            assertEverythingRevokedBy(engine, session -> engine.logoutEverywhere(session, true, CLIENT));
        }

        @ParameterizedTest
        @EnumSource(value = SecurityEvent.class, names = {"PASSWORD_CHANGED", "EMAIL_CHANGED", "CONCERN_REPORTED"})
        void securityEventRevokesAllRefreshTokensAndBumpsTheTokenState(SecurityEvent event) {
            LogoutEngine engine = engine();
            assertEverythingRevokedBy(engine, session -> {
                LogoutOutcome outcome = engine.onSecurityEvent(event, USER, Optional.of(session), CLIENT);
                assertEquals(event.reason(), outcome.event().reason());
            });
        }

        @Test
        void eachLogoutEverywhereAdvancesTheVersionAgain() {
            LogoutEngine engine = engine();
            List<AccessTokenClaims> superseded = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                superseded.add(accessToken("jti-" + i, OptionalLong.of(engine.tokenState(USER).version())));
                engine.logoutEverywhere(USER, CLIENT);
            }

            assertEquals(3, engine.tokenState(USER).version());
            superseded.forEach(token -> assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(token)));
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(accessToken("jti-new", OptionalLong.of(3))));
        }
    }
}
