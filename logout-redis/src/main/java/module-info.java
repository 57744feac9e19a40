/**
 * The four stores over Redis, a near cache kept honest by pub/sub, and the cross-node notifier.
 */
module dev.securelogout.redis {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive redis.clients.jedis;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.securelogout.redis;
}
