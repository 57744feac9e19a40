package dev.securelogout.redis;

import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;

/** The Redis session store passes the contract, on the shared Redis. */
class RedisSessionStoreIT extends SessionStoreContract {

    private static final RedisClient JEDIS = Redis.shared();
    private static final String PREFIX = Redis.randomPrefix();

    @Override
    protected SessionStore createStore(MutableClock clock) {
        return new RedisSessionStore(JEDIS, PREFIX, clock);
    }

    @AfterAll
    static void deleteKeys() {
        Redis.deleteAll(JEDIS, PREFIX);
        JEDIS.close();
    }
}
