package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.core.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default {@link TokenRevoker}: tokens and denylist entries in Caffeine caches that
 * expire each entry with its token, token states in a map. For one node.
 *
 * <p>Every change to a user's tokens runs inside that user's entry of the family index, so
 * rotations, revocations and issues of one user are serialised; checks read without locking.
 * Thread-safe.
 */
public final class InMemoryTokenRevoker implements TokenRevoker {

    /** A token and whether it was spent (rotated), and when. */
    private record Entry(PersistentToken token, Instant spentAt) {
        boolean isActiveAt(Instant now) {
            return spentAt == null && token.isUnexpiredAt(now);
        }
    }

    private final Clock clock;
    private final Cache<CredentialKey, Entry> tokens;
    private final Cache<AccessTokenId, Instant> denylist;
    /** user id → family id → keys of every generation; only touched inside compute of its user. */
    private final ConcurrentHashMap<String, Map<String, Set<CredentialKey>>> families = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenState> states = new ConcurrentHashMap<>();

    /** A revoker whose expiry follows {@code clock}. */
    public InMemoryTokenRevoker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<CredentialKey, Entry>(clock, entry -> entry.token().expiresAt()))
                .removalListener((CredentialKey key, Entry entry, RemovalCause cause) -> {
                    if (cause.wasEvicted() && key != null && entry != null) {
                        families.computeIfPresent(entry.token().userId(), (user, byFamily) -> {
                            Set<CredentialKey> keys = byFamily.get(entry.token().familyId());
                            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                                byFamily.remove(entry.token().familyId());
                            }
                            return byFamily.isEmpty() ? null : byFamily;
                        });
                    }
                })
                .build();
        this.denylist = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<AccessTokenId, Instant>(clock, expiresAt -> expiresAt))
                .build();
    }

    @Override
    public void issue(PersistentToken token) {
        Objects.requireNonNull(token, "token");
        families.compute(token.userId(), (user, byFamily) -> {
            Map<String, Set<CredentialKey>> map = byFamily == null ? new HashMap<>() : byFamily;
            tokens.put(token.key(), new Entry(token, null));
            map.computeIfAbsent(token.familyId(), family -> new HashSet<>()).add(token.key());
            return map;
        });
    }

    @Override
    public Optional<PersistentToken> find(CredentialKey key) {
        Entry entry = tokens.getIfPresent(key);
        return entry != null && entry.isActiveAt(clock.instant()) ? Optional.of(entry.token()) : Optional.empty();
    }

    @Override
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        Entry first = tokens.getIfPresent(presented);
        if (first == null) {
            return Rotation.rejected();
        }
        Rotation[] result = {Rotation.rejected()};
        families.computeIfPresent(first.token().userId(), (user, byFamily) -> {
            Entry entry = tokens.getIfPresent(presented);
            if (entry == null || entry.token().kind() != kind || !entry.token().isUnexpiredAt(now)
                    || !byFamily.containsKey(entry.token().familyId())) {
                return byFamily;
            }
            PersistentToken token = entry.token();
            if (entry.spentAt() == null) {
                Instant end = now.plus(timeToLive);
                PersistentToken next = new PersistentToken(successor, kind, token.familyId(), token.userId(), now,
                        end.isBefore(token.familyExpiresAt()) ? end : token.familyExpiresAt(), token.familyExpiresAt());
                tokens.put(presented, new Entry(token, now));
                tokens.put(successor, new Entry(next, null));
                byFamily.get(token.familyId()).add(successor);
                result[0] = Rotation.of(Rotation.Status.ROTATED, next);
                return byFamily;
            }
            Entry next = tokens.getIfPresent(successor);
            if (grace.compareTo(Duration.ZERO) > 0 && now.isBefore(entry.spentAt().plus(grace)) && next != null && next.isActiveAt(now)) {
                result[0] = Rotation.of(Rotation.Status.REPLAYED_IN_GRACE, next.token());
                return byFamily;
            }
            revokeKeys(byFamily.remove(token.familyId()), now);
            result[0] = Rotation.of(Rotation.Status.REUSE_DETECTED, token);
            return byFamily.isEmpty() ? null : byFamily;
        });
        return result[0];
    }

    @Override
    public int revokeFamilyOf(CredentialKey key) {
        Entry entry = tokens.getIfPresent(key);
        if (entry == null) {
            return 0;
        }
        return revokeFamily(entry.token().userId(), entry.token().familyId());
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        Instant now = clock.instant();
        int[] revoked = {0};
        families.computeIfPresent(userId, (user, byFamily) -> {
            revoked[0] = revokeKeys(byFamily.remove(familyId), now);
            return byFamily.isEmpty() ? null : byFamily;
        });
        return revoked[0];
    }

    @Override
    public int revokeAllOfUser(String userId) {
        Instant now = clock.instant();
        int[] revoked = {0};
        families.computeIfPresent(userId, (user, byFamily) -> {
            byFamily.values().forEach(keys -> revoked[0] += revokeKeys(keys, now));
            return null;
        });
        return revoked[0];
    }

    /** Removes every key; returns how many of them were active. */
    private int revokeKeys(Set<CredentialKey> keys, Instant now) {
        if (keys == null) {
            return 0;
        }
        int active = 0;
        for (CredentialKey key : keys) {
            Entry removed = tokens.asMap().remove(key);
            if (removed != null && removed.isActiveAt(now)) {
                active++;
            }
        }
        return active;
    }

    @Override
    public void deny(AccessTokenId id, Instant expiresAt) {
        Objects.requireNonNull(id, "id");
        if (expiresAt.isAfter(clock.instant())) {
            denylist.asMap().merge(id, expiresAt, (old, next) -> next.isAfter(old) ? next : old);
        }
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        Instant expiresAt = denylist.policy().getIfPresentQuietly(id); // as InMemorySessionStore.find
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    @Override
    public TokenState tokenState(String userId) {
        return states.getOrDefault(userId, TokenState.INITIAL);
    }

    @Override
    public TokenState advanceTokenState(String userId, Instant notBefore) {
        return states.compute(userId, (user, state) -> (state == null ? TokenState.INITIAL : state).advancedTo(notBefore));
    }

    /**
     * How many denylist entries are held after expired ones are dropped: falls back to zero once
     * every denied token has expired, within the granularity of Caffeine's expiry timer (about a
     * second of the clock). {@link #isDenied} stops answering for an entry at its expiry exactly.
     */
    public long denylistSize() {
        denylist.cleanUp();
        return denylist.estimatedSize();
    }
}
