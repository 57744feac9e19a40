package dev.securelogout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.TokenState;
import dev.securelogout.tck.AccessTokenDenylistContract;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.PersistentTokenStoreContract;
import dev.securelogout.tck.SessionStoreContract;
import dev.securelogout.tck.TokenVersionStoreContract;
import dev.securelogout.tck.http.Poll;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every store contract of logout-tck against every Redis store, strict and behind a near cache, and
 * the strict bearer check, on the Redis a subclass provides (standalone or Cluster), under the
 * subclass's key prefix.
 */
abstract class ContractSuites {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The client the stores use. */
    abstract UnifiedJedis jedis();

    /** A new client of its own for a near cache's subscription; closed with the subscription. */
    abstract UnifiedJedis newSubscriptionClient();

    /** The key prefix of this run. */
    abstract String prefix();

    /** The near caches opened by the current test, closed after it. */
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A near cache on {@code clock}, subscribed before it is returned, closed after the test. */
    RedisNearCache nearCache(MutableClock clock) {
        UnifiedJedis client = newSubscriptionClient();
        RedisPubSub pubSub = RedisPubSub.start(client, prefix(), Duration.ofMillis(100));
        RedisNearCache cache = RedisNearCache.builder(pubSub).clock(clock).build();
        opened.add(() -> {
            cache.close();
            pubSub.close();
            client.close();
        });
        Poll.until(Duration.ofSeconds(5), pubSub::isConnected);
        return cache;
    }

    @AfterEach
    void closeNearCaches() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    @Nested
    @DisplayName("RedisSessionStore")
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore createStore(MutableClock clock) {
            return new RedisSessionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock);
        }
    }

    @Nested
    @DisplayName("RedisSessionStore behind the near cache")
    class CachedSessions extends SessionStoreContract {
        @Override
        protected SessionStore createStore(MutableClock clock) {
            return nearCache(clock).sessions(new RedisSessionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock));
        }
    }

    @Nested
    @DisplayName("RedisPersistentTokenStore")
    class PersistentTokens extends PersistentTokenStoreContract {
        @Override
        protected PersistentTokenStore createStore(MutableClock clock) {
            return new RedisPersistentTokenStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock);
        }
    }

    @Nested
    @DisplayName("RedisAccessTokenDenylist")
    class Denylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist createDenylist(MutableClock clock) {
            return new RedisAccessTokenDenylist(jedis(), prefix(), clock);
        }
    }

    @Nested
    @DisplayName("RedisAccessTokenDenylist behind the near cache")
    class CachedDenylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist createDenylist(MutableClock clock) {
            return nearCache(clock).denylist(new RedisAccessTokenDenylist(jedis(), prefix(), clock));
        }
    }

    /** The namespace is declared new, as a deployment would: versions start at 0. */
    @Nested
    @DisplayName("RedisTokenVersionStore")
    class TokenVersions extends TokenVersionStoreContract {
        @Override
        protected TokenVersionStore createStore(MutableClock clock) {
            RedisTokenVersionStore.provisionNew(jedis(), prefix());
            return new RedisTokenVersionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock);
        }
    }

    @Nested
    @DisplayName("RedisTokenVersionStore behind the near cache")
    class CachedTokenVersions extends TokenVersionStoreContract {
        @Override
        protected TokenVersionStore createStore(MutableClock clock) {
            RedisTokenVersionStore.provisionNew(jedis(), prefix());
            return nearCache(clock).tokenVersions(new RedisTokenVersionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock));
        }
    }

    /** Not a contract of logout-tck: the combined check must answer exactly as its two halves do. */
    @Nested
    @DisplayName("RedisTokenVersionStore.refuses, the strict bearer check in one round trip")
    class StrictBearerCheck {

        private final MutableClock clock = MutableClock.startingNow();
        private RedisAccessTokenDenylist denylist;
        private RedisTokenVersionStore versions;

        @BeforeEach
        void createStores() {
            RedisTokenVersionStore.provisionNew(jedis(), prefix());
            denylist = new RedisAccessTokenDenylist(jedis(), prefix(), clock);
            versions = new RedisTokenVersionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock);
        }

        private AccessTokenClaims claims(String user, Instant issuedAt, OptionalLong version) {
            return new AccessTokenClaims(new AccessTokenId("https://issuer.example", UUID.randomUUID().toString()), user,
                    issuedAt, issuedAt.plus(Duration.ofMinutes(15)), version);
        }

        /** The combined answer, checked against the two halves asked one by one. */
        private boolean refuses(AccessTokenClaims claims) {
            boolean halves = denylist.isDenied(claims.id()) || versions.tokenState(claims.subject()).supersedes(claims);
            boolean combined = versions.refuses(claims);
            assertEquals(halves, combined, "combined check against isDenied + tokenState");
            return combined;
        }

        @Test
        @DisplayName("a denied token is refused until its expiry; a token of the same jti from another issuer is not")
        void denied() {
            String user = "u-" + UUID.randomUUID();
            AccessTokenClaims token = claims(user, clock.instant(), OptionalLong.empty());
            assertFalse(refuses(token));
            denylist.deny(token.id(), token.expiresAt());
            assertTrue(refuses(token));
            assertFalse(refuses(new AccessTokenClaims(new AccessTokenId("https://other.example", token.id().jti()), user,
                    token.issuedAt(), token.expiresAt(), OptionalLong.empty())));
            clock.advance(Duration.ofMinutes(15));
            assertFalse(refuses(token), "the entry is forgotten with its token");
        }

        @Test
        @DisplayName("an advance refuses the user's earlier tokens by version claim and by iat, and no other user's")
        void superseded() {
            String user = "u-" + UUID.randomUUID();
            String other = "u-" + UUID.randomUUID();
            AccessTokenClaims versioned = claims(user, clock.instant(), OptionalLong.of(versions.tokenState(user).version()));
            AccessTokenClaims byIat = claims(user, clock.instant(), OptionalLong.empty());
            AccessTokenClaims others = claims(other, clock.instant(), OptionalLong.empty());
            assertFalse(refuses(versioned));
            assertFalse(refuses(byIat));
            clock.advance(Duration.ofSeconds(1));
            TokenState advanced = versions.advance(user, clock.instant());
            assertTrue(refuses(versioned));
            assertTrue(refuses(byIat));
            assertFalse(refuses(others));
            assertFalse(refuses(claims(user, clock.instant(), OptionalLong.of(advanced.version()))));
            assertFalse(refuses(claims(user, clock.instant(), OptionalLong.empty())));
        }
    }

    @Nested
    @DisplayName("two nodes")
    class TwoNodes {

        @Test
        @DisplayName("logins racing on two nodes never leave a user above the session limit, and each one beyond it evicts exactly one")
        void racingLoginsOnTwoNodes() throws Exception {
            MutableClock clock = MutableClock.startingNow();
            String user = "u-" + UUID.randomUUID();
            SessionLimit limit = SessionLimit.evictingBeyond(3);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try (UnifiedJedis otherNode = newSubscriptionClient()) {
                List<RedisSessionStore> nodes = List.of(new RedisSessionStore(jedis(), prefix(), ContractKeys.PARTITIONS, clock),
                        new RedisSessionStore(otherNode, prefix(), ContractKeys.PARTITIONS, clock));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> evictions = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    RedisSessionStore node = nodes.get(t % 2);
                    evictions.add(threads.submit(() -> {
                        start.await();
                        int evicted = 0;
                        for (int i = 0; i < 10; i++) {
                            Instant now = clock.instant();
                            Session session = new Session(ContractKeys.PARTITIONS.generate(user, RANDOM).key(), "device-" + UUID.randomUUID(),
                                    user, now, now, now.plus(Duration.ofHours(1)), Duration.ofMinutes(30), Device.unknown());
                            Registration registration = node.register(session, limit);
                            assertTrue(registration.accepted());
                            evicted += registration.evicted().size();
                        }
                        return evicted;
                    }));
                }
                start.countDown();
                int evicted = 0;
                for (Future<Integer> future : evictions) {
                    evicted += future.get(30, TimeUnit.SECONDS);
                }
                assertEquals(3, nodes.get(1).findByUser(user).size());
                assertEquals(40 - 3, evicted);
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
