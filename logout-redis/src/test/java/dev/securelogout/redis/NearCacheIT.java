package dev.securelogout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.testkit.services.Services;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two nodes with near caches over one Redis. Their clock stands still, so the cache's own expiry
 * never helps: only pub/sub can make node 2 refuse what node 1 revoked.
 */
class NearCacheIT {

    private static final RedisClient JEDIS = Services.redis();
    private static final String PREFIX = Services.randomPrefix("tst-");
    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");

    private final MutableClock clock = MutableClock.startingNow();
    private Node node1;
    private Node node2;

    @BeforeEach
    void startNodes() {
        node1 = new Node(JEDIS, Services.redis(), PREFIX, clock, true);
        node2 = new Node(JEDIS, Services.redis(), PREFIX, clock, true);
    }

    @AfterEach
    void stopNodes() {
        node1.close();
        node2.close();
    }

    @AfterAll
    static void deleteKeys() {
        Services.deleteKeys(JEDIS, PREFIX);
        JEDIS.close();
    }

    @Test
    @DisplayName("the builder takes each setting once, naming the one given twice")
    void builderTakesEachSettingOnce() {
        RedisNearCache.Builder builder = RedisNearCache.builder(node1.pubSub).staleness(Duration.ofSeconds(1)).maximumSize(10);
        assertEquals("staleness is already set", assertThrows(IllegalStateException.class,
                () -> builder.staleness(Duration.ofSeconds(2))).getMessage());
        assertEquals("maximumSize is already set", assertThrows(IllegalStateException.class, () -> builder.maximumSize(20)).getMessage());
    }

    @Test
    @DisplayName("a session logged out on node 1 is refused by node 2 within 100 ms, though node 2 had it cached")
    void logoutReachesOtherNode() {
        NewSession session = node1.engine.startSession("alice-" + UUID.randomUUID(), DEVICE);
        String id = session.id().value();
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(id).status());
        assertEquals(1, node2.cache.sessions.estimatedSize(), "node 2 serves the check from its cache");

        node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(id));
        Duration took = Poll.until(Duration.ofSeconds(2), () -> node2.engine.check(id).status() == SessionCheck.Status.INVALID);
        assertTrue(took.compareTo(Duration.ofMillis(100)) < 0, "refused after " + took);
    }

    @Test
    @DisplayName("logout everywhere on node 1 ends node 2's cached sessions and access tokens within 100 ms")
    void logoutEverywhereReachesOtherNode() {
        String user = "bob-" + UUID.randomUUID();
        NewSession here = node1.engine.startSession(user, DEVICE);
        NewSession there = node2.engine.startSession(user, DEVICE);
        AccessTokenClaims claims = new AccessTokenClaims(new AccessTokenId("https://issuer.example", UUID.randomUUID().toString()),
                user, clock.instant().minusSeconds(1), clock.instant().plusSeconds(600),
                OptionalLong.of(node2.engine.tokenState(user).version()));
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(there.id().value()).status());
        assertEquals(AccessTokenStatus.ACTIVE, node2.engine.checkAccessToken(claims));

        node1.engine.logoutEverywhere(here.session(), false, DEVICE);
        Duration took = Poll.until(Duration.ofSeconds(2), () ->
                node2.engine.check(there.id().value()).status() == SessionCheck.Status.INVALID
                        && node2.engine.checkAccessToken(claims) == AccessTokenStatus.REVOKED);
        assertTrue(took.compareTo(Duration.ofMillis(100)) < 0, "refused after " + took);
    }

    @Test
    @DisplayName("an access token denied on node 1 is refused by node 2 within 100 ms")
    void denialReachesOtherNode() {
        String user = "carol-" + UUID.randomUUID();
        AccessTokenClaims claims = new AccessTokenClaims(new AccessTokenId("", UUID.randomUUID().toString()),
                user, clock.instant(), clock.instant().plusSeconds(600), OptionalLong.empty());
        assertEquals(AccessTokenStatus.ACTIVE, node2.engine.checkAccessToken(claims));

        node1.engine.logout(LogoutRequest.from(DEVICE).withAccessToken(claims));
        Duration took = Poll.until(Duration.ofSeconds(2), () -> node2.engine.checkAccessToken(claims) == AccessTokenStatus.REVOKED);
        assertTrue(took.compareTo(Duration.ofMillis(100)) < 0, "refused after " + took);
    }

    @Test
    @DisplayName("a revocation whose message is lost is refused once the staleness bound has passed")
    void lostMessageIsBoundedByStaleness() {
        NewSession session = node1.engine.startSession("dave-" + UUID.randomUUID(), DEVICE);
        String id = session.id().value();
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(id).status());

        JEDIS.del(PREFIX + ":{" + session.session().key().partition() + "}:s:" + session.session().key().digest());
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(id).status(), "no message: node 2 still trusts its cache");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(SessionCheck.Status.INVALID, node2.engine.check(id).status());
    }

    @Test
    @DisplayName("strict mode asks Redis on every check (the bearer check in one round trip): a silent revocation is refused at once")
    void strictModeAsksEveryTime() {
        try (Node strict = new Node(JEDIS, Services.redis(), PREFIX, clock, false)) {
            NewSession session = strict.engine.startSession("erin-" + UUID.randomUUID(), DEVICE);
            assertEquals(SessionCheck.Status.ACTIVE, strict.engine.check(session.id().value()).status());
            JEDIS.del(PREFIX + ":{" + session.session().key().partition() + "}:s:" + session.session().key().digest());
            assertEquals(SessionCheck.Status.INVALID, strict.engine.check(session.id().value()).status());

            AccessTokenClaims claims = new AccessTokenClaims(new AccessTokenId("", UUID.randomUUID().toString()),
                    session.session().userId(), clock.instant(), clock.instant().plusSeconds(600), OptionalLong.empty());
            assertEquals(AccessTokenStatus.ACTIVE, strict.engine.checkAccessToken(claims));
            new RedisAccessTokenDenylist(JEDIS, PREFIX, clock).deny(claims.id(), claims.expiresAt()); // not through this engine
            assertEquals(AccessTokenStatus.REVOKED, strict.engine.checkAccessToken(claims));
        }
    }
}
