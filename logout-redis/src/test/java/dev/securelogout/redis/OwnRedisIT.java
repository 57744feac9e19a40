package dev.securelogout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Protocol;

/**
 * Against a redis-server this test starts without persistence: a restart that loses everything,
 * a cut subscription, and a Redis that is down. Kills only its own server and its own clients.
 */
class OwnRedisIT {

    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final String PREFIX = "own";

    private final MutableClock clock = MutableClock.startingNow();
    private RedisServer server;
    private RedisClient jedis;
    private Node node1;
    private Node node2;

    @BeforeEach
    void start() throws Exception {
        server = RedisServer.start(RedisServer.freePort(20000, 29999));
        jedis = RedisClient.create("127.0.0.1", server.port());
        node1 = new Node(jedis, RedisClient.create("127.0.0.1", server.port()), PREFIX, clock, true);
        node2 = new Node(jedis, RedisClient.create("127.0.0.1", server.port()), PREFIX, clock, true);
    }

    @AfterEach
    void stop() throws Exception {
        node1.close();
        node2.close();
        jedis.close();
        server.close();
    }

    @Test
    @DisplayName("a restart that loses every key brings no revoked credential back")
    void restartWithoutPersistence() throws Exception {
        String user = "alice-" + UUID.randomUUID();
        NewSession session = node1.engine.startSession(user, DEVICE);
        IssuedToken refresh = node1.engine.issueRefreshToken(user);
        AccessTokenClaims denied = claims(user, OptionalLong.empty());
        AccessTokenClaims versioned = claims(user, OptionalLong.of(node1.engine.tokenState(user).version()));
        node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(session.id().value()).withAccessToken(denied));
        node1.engine.logoutEverywhere(node1.engine.startSession(user, DEVICE).session(), false, DEVICE);
        assertEquals(AccessTokenStatus.REVOKED, node2.engine.checkAccessToken(denied));
        assertEquals(AccessTokenStatus.REVOKED, node2.engine.checkAccessToken(versioned));

        server.kill();
        server.start();
        clock.advance(Duration.ofSeconds(1));
        Poll.until(Duration.ofSeconds(10), () -> node1.pubSub.isConnected() && node2.pubSub.isConnected());
        // the pool's connections to the old process fail once each (UNAVAILABLE, fail-closed), then are replaced
        Poll.until(Duration.ofSeconds(10), () -> node1.engine.check(session.id().value()).status() != SessionCheck.Status.UNAVAILABLE);

        for (Node node : new Node[] {node1, node2}) {
            assertEquals(SessionCheck.Status.INVALID, node.engine.check(session.id().value()).status());
            assertEquals(RefreshResult.Status.REJECTED, node.engine.refresh(refresh.token().value(), DEVICE).status());
            assertEquals(AccessTokenStatus.REVOKED, node.engine.checkAccessToken(denied), "denylist entry lost, epoch refuses");
            assertEquals(AccessTokenStatus.REVOKED, node.engine.checkAccessToken(versioned), "token state lost, epoch refuses");
        }
        AccessTokenClaims fresh = claims(user, OptionalLong.of(node1.engine.tokenState(user).version()));
        assertEquals(AccessTokenStatus.ACTIVE, node2.engine.checkAccessToken(fresh), "a token issued after the loss is fine");
    }

    @Test
    @DisplayName("Redis comes back empty and a third node starts before the running two notice: everything revoked before stays refused on all three")
    void startingNodeCannotResetTheEpoch() throws Exception {
        String user = "erin-" + UUID.randomUUID();
        NewSession session = node1.engine.startSession(user, DEVICE);
        IssuedToken refresh = node1.engine.issueRefreshToken(user);
        AccessTokenClaims denied = claims(user, OptionalLong.empty());
        AccessTokenClaims versioned = claims(user, OptionalLong.of(node1.engine.tokenState(user).version()));
        AccessTokenClaims issuedBefore = claims(user, OptionalLong.empty());
        node1.engine.logout(LogoutRequest.from(DEVICE).withAccessToken(denied));
        node2.engine.logoutEverywhere(node2.engine.startSession(user, DEVICE).session(), false, DEVICE);
        for (Node node : new Node[] {node1, node2}) {
            assertRefused(node, session, refresh, List.of(denied, versioned, issuedBefore));
        }

        clock.advance(Duration.ofSeconds(1));
        server.kill();
        server.start();
        try (RedisClient own = RedisClient.create("127.0.0.1", server.port());
             Node node3 = new Node(own, RedisClient.create("127.0.0.1", server.port()), PREFIX, clock, true)) {
            assertRefused(node3, session, refresh, List.of(denied, versioned, issuedBefore));
            clock.advance(Duration.ofSeconds(1)); // past the near caches' staleness
            Poll.until(Duration.ofSeconds(10), () -> node1.pubSub.isConnected() && node2.pubSub.isConnected());
            for (Node node : new Node[] {node1, node2}) {
                // the pool's connections to the old process fail once each (UNAVAILABLE, fail-closed), then are replaced
                Poll.until(Duration.ofSeconds(10), () -> node.engine.check(session.id().value()).status() != SessionCheck.Status.UNAVAILABLE);
                assertRefused(node, session, refresh, List.of(denied, versioned, issuedBefore));
            }
            AccessTokenClaims fresh = claims(user, OptionalLong.of(node3.engine.tokenState(user).version()));
            for (Node node : new Node[] {node1, node2, node3}) {
                assertEquals(AccessTokenStatus.ACTIVE, node.engine.checkAccessToken(fresh), "a token issued after the loss is fine");
            }
        }
    }

    private static void assertRefused(Node node, NewSession session, IssuedToken refresh, List<AccessTokenClaims> accessTokens) {
        assertEquals(SessionCheck.Status.INVALID, node.engine.check(session.id().value()).status());
        assertEquals(RefreshResult.Status.REJECTED, node.engine.refresh(refresh.token().value(), DEVICE).status());
        for (AccessTokenClaims claims : accessTokens) {
            assertEquals(AccessTokenStatus.REVOKED, node.engine.checkAccessToken(claims), claims.toString());
            assertTrue(node.versions.refuses(claims), "the strict bearer check in one round trip: " + claims);
        }
    }

    @Test
    @DisplayName("a cut subscription empties the near cache; it is flushed again on reconnect; revocations meanwhile are refused")
    void cutSubscription() {
        NewSession session = node1.engine.startSession("bob-" + UUID.randomUUID(), DEVICE);
        String id = session.id().value();
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(id).status());
        long flushes = node2.cache.flushes();
        long connections = node2.pubSub.connections();

        jedis.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
        Poll.until(Duration.ofSeconds(5), () -> node2.cache.flushes() > flushes);
        node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(id));
        assertEquals(SessionCheck.Status.INVALID, node2.engine.check(id).status(), "nothing stale survives the cut");

        Poll.until(Duration.ofSeconds(5), () -> node2.pubSub.connections() > connections);
        assertTrue(node2.cache.flushes() >= flushes + 2, "flushed on loss and on reconnect");
        NewSession next = node1.engine.startSession("bob2-" + UUID.randomUUID(), DEVICE);
        assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(next.id().value()).status());
        node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(next.id().value()));
        Poll.until(Duration.ofMillis(500), () -> node2.engine.check(next.id().value()).status() == SessionCheck.Status.INVALID);
    }

    @Test
    @DisplayName("Redis down: stores raise StoreException, checks are unavailable, logout still clears the client")
    void redisDown() throws Exception {
        NewSession session = node1.engine.startSession("carol-" + UUID.randomUUID(), DEVICE);
        server.kill();
        assertThrows(StoreException.class, () -> node1.sessions.find(session.session().key()));
        assertThrows(StoreException.class, () -> node1.tokens.revokeAllOfUser("carol"));
        Poll.until(Duration.ofSeconds(5), () -> !node2.pubSub.isConnected());
        assertEquals(SessionCheck.Status.UNAVAILABLE, node2.engine.check(session.id().value()).status());
        var outcome = node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(session.id().value()));
        assertFalse(outcome.failedSteps().isEmpty());
        assertFalse(outcome.setCookies().isEmpty());
        server.start();
    }

    private AccessTokenClaims claims(String user, OptionalLong version) {
        return new AccessTokenClaims(new AccessTokenId("https://issuer.example", UUID.randomUUID().toString()), user,
                clock.instant().minusSeconds(1), clock.instant().plusSeconds(3600), version);
    }
}
