package dev.securelogout.redis;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.LogoutLineContract;
import dev.securelogout.testkit.services.Services;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;

/**
 * The lineage and line-in-time promises on the shared standalone Redis (strict stores): two
 * engines, each with its own client and stores, under one key prefix.
 */
class RedisLogoutLineIT extends LogoutLineContract {

    private static final String PREFIX = Services.randomPrefix("tst-");
    private static final RedisClient FIRST = Services.redis();
    private static final RedisClient SECOND = Services.redis();

    static {
        RedisTokenVersionStore.provisionNew(FIRST, PREFIX);
    }

    private int nodes;

    @Override
    protected LogoutEngine.Builder node() {
        RedisClient jedis = nodes++ % 2 == 0 ? FIRST : SECOND;
        Clock clock = Clock.systemUTC();
        return LogoutEngine.builder().sessionStore(new RedisSessionStore(jedis, PREFIX, ContractKeys.PARTITIONS, clock))
                .persistentTokenStore(new RedisPersistentTokenStore(jedis, PREFIX, ContractKeys.PARTITIONS, clock))
                .accessTokenDenylist(new RedisAccessTokenDenylist(jedis, PREFIX, clock))
                .tokenVersionStore(new RedisTokenVersionStore(jedis, PREFIX, ContractKeys.PARTITIONS, clock))
                .secretKey(ContractKeys.secret());
    }

    @AfterAll
    static void deleteKeys() {
        Services.deleteKeys(FIRST, PREFIX);
        FIRST.close();
        SECOND.close();
    }
}
