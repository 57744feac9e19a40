package dev.securelogout.redis;

import dev.securelogout.testkit.services.Services;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Every store contract, strict and behind a near cache, on the shared standalone Redis. */
class RedisContractsIT extends ContractSuites {

    private static final RedisClient JEDIS = Services.redis();
    private static final String PREFIX = Services.randomPrefix("tst-");

    @Override
    UnifiedJedis jedis() {
        return JEDIS;
    }

    @Override
    UnifiedJedis newSubscriptionClient() {
        return Services.redis();
    }

    @Override
    String prefix() {
        return PREFIX;
    }

    @AfterAll
    static void deleteKeys() {
        Services.deleteKeys(JEDIS, PREFIX);
        JEDIS.close();
    }
}
