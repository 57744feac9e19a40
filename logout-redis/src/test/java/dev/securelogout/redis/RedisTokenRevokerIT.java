package dev.securelogout.redis;

import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.TokenRevokerContract;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;

/** The Redis token revoker passes the contract, on the shared Redis. */
class RedisTokenRevokerIT extends TokenRevokerContract {

    private static final RedisClient JEDIS = Redis.shared();
    private static final String PREFIX = Redis.randomPrefix();

    @Override
    protected TokenRevoker createRevoker(MutableClock clock) {
        return new RedisTokenRevoker(JEDIS, PREFIX, clock);
    }

    @AfterAll
    static void deleteKeys() {
        Redis.deleteAll(JEDIS, PREFIX);
        JEDIS.close();
    }
}
