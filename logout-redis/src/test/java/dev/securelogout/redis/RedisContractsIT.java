package dev.securelogout.redis;

import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Every store contract, strict and behind a near cache, on the shared standalone Redis. */
class RedisContractsIT extends ContractSuites {

    private static final RedisClient JEDIS = Redis.shared();
    private static final String PREFIX = Redis.randomPrefix();

    @Override
    UnifiedJedis jedis() {
        return JEDIS;
    }

    @Override
    UnifiedJedis newSubscriptionClient() {
        return Redis.shared();
    }

    @Override
    String prefix() {
        return PREFIX;
    }

    @AfterAll
    static void deleteKeys() {
        Redis.deleteAll(JEDIS, PREFIX);
        JEDIS.close();
    }
}
