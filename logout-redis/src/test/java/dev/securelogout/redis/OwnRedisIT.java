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
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.testkit.services.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * Against a redis-server this test starts without persistence: a restart that loses everything
 * (also while a third node starts), a cut subscription, a Redis that is down, and the requests a
 * strict bearer check costs (counted by the server, which serves no one else). Kills only its own
 * server and its own clients.
 */
class OwnRedisIT {

    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final String PREFIX = "own";

    private final MutableClock clock = MutableClock.startingNow();
    private RedisServerProcess server;
    private RedisClient jedis;
    private Node node1;
    private Node node2;

    @BeforeEach
    void start() throws Exception {
        server = RedisServerProcess.start(RedisServerProcess.freePort(20000, 29999));
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
        Revoked revoked = revokeEverything(user);

        server.kill();
        server.start();
        clock.advance(Duration.ofSeconds(1));
        for (Node node : new Node[] {node1, node2}) {
            awaitReconnected(node, revoked);
            assertRefused(node, revoked);
        }
        AccessTokenClaims fresh = claims(user, OptionalLong.of(node1.engine.tokenState(user).version()));
        assertEquals(AccessTokenStatus.ACTIVE, node2.engine.checkAccessToken(fresh), "a token issued after the loss is fine");
    }

    @Test
    @DisplayName("Redis comes back empty and a third node starts before the running two notice: everything revoked before stays refused on all three")
    void startingNodeCannotResetTheEpoch() throws Exception {
        String user = "erin-" + UUID.randomUUID();
        Revoked revoked = revokeEverything(user);

        clock.advance(Duration.ofSeconds(1));
        server.kill();
        server.start();
        try (RedisClient own = RedisClient.create("127.0.0.1", server.port());
             Node node3 = new Node(own, RedisClient.create("127.0.0.1", server.port()), PREFIX, clock, true)) {
            assertRefused(node3, revoked);
            clock.advance(Duration.ofSeconds(1)); // past the near caches' staleness
            for (Node node : new Node[] {node1, node2}) {
                awaitReconnected(node, revoked);
                assertRefused(node, revoked);
            }
            AccessTokenClaims fresh = claims(user, OptionalLong.of(node3.engine.tokenState(user).version()));
            for (Node node : new Node[] {node1, node2, node3}) {
                assertEquals(AccessTokenStatus.ACTIVE, node.engine.checkAccessToken(fresh), "a token issued after the loss is fine");
            }
        }
    }

    /** What a user held, each piece revoked: a session, a refresh token, access tokens (denied, versioned, by iat). */
    private record Revoked(NewSession session, IssuedToken refresh, List<AccessTokenClaims> accessTokens) {
    }

    /** Revokes everything of {@code user}: a logout with an access token on node 1, logout everywhere on node 2. */
    private Revoked revokeEverything(String user) {
        NewSession session = node1.engine.startSession(user, DEVICE);
        IssuedToken refresh = node1.engine.issueRefreshToken(user);
        AccessTokenClaims denied = claims(user, OptionalLong.empty());
        AccessTokenClaims versioned = claims(user, OptionalLong.of(node1.engine.tokenState(user).version()));
        AccessTokenClaims issuedBefore = claims(user, OptionalLong.empty());
        node1.engine.logout(LogoutRequest.from(DEVICE).withSessionId(session.id().value()).withAccessToken(denied));
        node2.engine.logoutEverywhere(node2.engine.startSession(user, DEVICE).session(), false, DEVICE);
        Revoked revoked = new Revoked(session, refresh, List.of(denied, versioned, issuedBefore));
        assertRefused(node1, revoked);
        assertRefused(node2, revoked);
        return revoked;
    }

    /** Waits for {@code node}'s subscription, and for its pool to replace the connections to the old process. */
    private static void awaitReconnected(Node node, Revoked revoked) {
        Poll.until(Duration.ofSeconds(10), node.pubSub::isConnected);
        // each pooled connection to the old process fails once (UNAVAILABLE, fail-closed), then is replaced
        Poll.until(Duration.ofSeconds(10),
                () -> node.engine.check(revoked.session().id().value()).status() != SessionCheck.Status.UNAVAILABLE);
    }

    private static void assertRefused(Node node, Revoked revoked) {
        assertEquals(SessionCheck.Status.INVALID, node.engine.check(revoked.session().id().value()).status());
        assertEquals(RefreshResult.Status.REJECTED, node.engine.refresh(revoked.refresh().token().value(), DEVICE).status());
        for (AccessTokenClaims claims : revoked.accessTokens()) {
            assertEquals(AccessTokenStatus.REVOKED, node.engine.checkAccessToken(claims), claims.toString());
            assertTrue(node.versions.refuses(claims), "the strict bearer check in one round trip: " + claims);
        }
    }

    @Test
    @DisplayName("the strict bearer check is one round trip: Redis reads one request for it, and two for isDenied then tokenState")
    void strictBearerCheckInOneRoundTrip() {
        RedisAccessTokenDenylist denylist = new RedisAccessTokenDenylist(jedis, PREFIX, clock);
        RedisTokenVersionStore versions = new RedisTokenVersionStore(jedis, PREFIX, ContractKeys.PARTITIONS, clock);
        String user = "frank-" + UUID.randomUUID();
        versions.advance(user, clock.instant().minusSeconds(60)); // the epoch and the user's state exist
        AccessTokenClaims claims = claims(user, OptionalLong.of(versions.tokenState(user).version()));
        assertFalse(versions.refuses(claims));

        long combined = fewestRequests(() -> assertFalse(versions.refuses(claims)));
        long halves = fewestRequests(() -> assertFalse(denylist.isDenied(claims.id())
                || versions.tokenState(user).supersedes(claims)));
        assertEquals(1, combined, "requests Redis read for refuses");
        assertEquals(2, halves, "requests Redis read for isDenied, then tokenState");

        // a token minted from a refresh-token family: its grant's entry is read in the same round trip
        AccessTokenClaims minted = new AccessTokenClaims(claims.id(), user, claims.issuedAt(), claims.expiresAt(),
                claims.version(), Optional.of("family-" + UUID.randomUUID()));
        assertEquals(1, fewestRequests(() -> assertFalse(versions.refuses(minted))), "requests Redis read for refuses of a grant's token");
        denylist.deny(AccessTokenId.ofGrant(minted.grant().orElseThrow()), clock.instant().plusSeconds(3600));
        assertTrue(versions.refuses(minted), "a revoked grant refuses its token in the combined check");
    }

    /** The fewest requests Redis read while {@code call} ran, over three runs (a pool's idle check may add one). */
    private long fewestRequests(Runnable call) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = readsProcessed();
            call.run();
            fewest = Math.min(fewest, readsProcessed() - before - 1); // less the INFO that counted
        }
        return fewest;
    }

    /** Redis's count of the requests it read from its clients ({@code INFO stats}, total_reads_processed). */
    private long readsProcessed() {
        String stats = jedis.info("stats");
        int at = stats.indexOf("total_reads_processed:");
        return Long.parseLong(stats.substring(at + "total_reads_processed:".length(), stats.indexOf('\r', at)));
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
