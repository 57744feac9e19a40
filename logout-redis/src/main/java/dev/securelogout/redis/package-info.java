/**
 * The stores over Redis, standalone or Cluster, for applications that run on many nodes:
 * {@link dev.securelogout.redis.RedisSessionStore}, {@link dev.securelogout.redis.RedisPersistentTokenStore},
 * {@link dev.securelogout.redis.RedisAccessTokenDenylist}, {@link dev.securelogout.redis.RedisTokenVersionStore},
 * {@link dev.securelogout.redis.RedisSessionNotifier}, and the {@link dev.securelogout.redis.RedisNearCache}
 * that keeps the per-request check off the network while Redis pub/sub keeps it honest.
 *
 * <p>Every key is {@code <prefix>:{<tag>}:<kind>:<name>}. The hash tag is the credential partition
 * of the user ({@code PartitionKey.partitionOf(userId)}, keyed with the engine's secret key, which
 * every store of a deployment is given), so a user's sessions, tokens, indexes and token state
 * share one Cluster slot and every multi-key change of one user is a single atomic Lua
 * script. Denylist entries and provider-session indexes are tagged by their own digest. Keys hold
 * digests and escaped names only, never a raw secret or raw user input.
 */
@NullMarked
package dev.securelogout.redis;

import org.jspecify.annotations.NullMarked;
