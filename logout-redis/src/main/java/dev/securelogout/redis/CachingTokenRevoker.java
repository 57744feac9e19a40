package dev.securelogout.redis;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.core.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link RedisTokenRevoker} behind a {@link RedisNearCache}: the access-token checks
 * ({@link #isDenied}, {@link #tokenState}) answer from the cache when they can; refresh and
 * remember-me tokens always go to Redis (their use is rare and must be exact). Denials and token
 * state advances drop this node's entries before and after. Thread-safe.
 */
final class CachingTokenRevoker implements TokenRevoker {

    private final RedisNearCache cache;
    private final RedisTokenRevoker revoker;

    CachingTokenRevoker(RedisNearCache cache, RedisTokenRevoker revoker) {
        this.cache = cache;
        this.revoker = revoker;
    }

    @Override
    public void issue(PersistentToken token) {
        revoker.issue(token);
    }

    @Override
    public Optional<PersistentToken> find(CredentialKey key) {
        return revoker.find(key);
    }

    @Override
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        return revoker.rotate(kind, presented, successor, now, timeToLive, grace);
    }

    @Override
    public int revokeFamilyOf(CredentialKey key) {
        return revoker.revokeFamilyOf(key);
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        return revoker.revokeFamily(userId, familyId);
    }

    @Override
    public int revokeAllOfUser(String userId) {
        return revoker.revokeAllOfUser(userId);
    }

    @Override
    public void deny(AccessTokenId id, Instant expiresAt) {
        Invalidation invalidation = new Invalidation(Invalidation.Kind.DENIED, revoker.deniedKey(id));
        cache.invalidate(invalidation);
        try {
            revoker.deny(id, expiresAt);
        } finally {
            cache.invalidate(invalidation);
        }
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        Optional<Instant> until = cache.get(cache.denied, revoker.deniedKey(id),
                () -> revoker.isDenied(id) ? Optional.of(Instant.MAX) : Optional.empty(), answer -> true);
        return until.isPresent() && cache.now().isBefore(until.get());
    }

    @Override
    public TokenState tokenState(String userId) {
        String partition = Credential.partitionOf(userId);
        return cache.get(cache.states, userId,
                () -> new RedisNearCache.CachedState(partition, revoker.tokenState(userId)), state -> true).state();
    }

    @Override
    public TokenState advanceTokenState(String userId, Instant notBefore) {
        Invalidation invalidation = new Invalidation(Invalidation.Kind.USER, Credential.partitionOf(userId));
        cache.invalidate(invalidation);
        try {
            return revoker.advanceTokenState(userId, notBefore);
        } finally {
            cache.invalidate(invalidation);
        }
    }
}
