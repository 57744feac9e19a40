package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.spi.PersistentTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link PersistentTokenStore}: tokens in a Caffeine cache that expires each
 * generation with its own deadline, plus a per-user family index. For one node.
 *
 * <p>Every change to a user's tokens runs inside that user's entry of the family index, so
 * rotations, revocations and issues of one user are serialised; checks read without locking.
 * Thread-safe.
 */
final class InMemoryPersistentTokenStore implements PersistentTokenStore {

    /** A token and whether it was spent (rotated), and when. */
    private record Entry(PersistentToken token, @Nullable Instant spentAt) {
        boolean isActiveAt(Instant now) {
            return spentAt == null && token.isUnexpiredAt(now);
        }
    }

    private final Clock clock;
    private final Cache<CredentialKey, Entry> tokens;
    /** user id → family id → keys of every generation; only touched inside compute of its user. */
    private final ConcurrentHashMap<String, Map<String, Set<CredentialKey>>> families = new ConcurrentHashMap<>();

    InMemoryPersistentTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<CredentialKey, Entry>(entry -> entry.token().expiresAt()))
                .removalListener((@Nullable CredentialKey key, @Nullable Entry entry, RemovalCause cause) -> {
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
                PersistentToken next = token.successor(successor, now, timeToLive);
                tokens.put(presented, new Entry(token, now));
                tokens.put(successor, new Entry(next, null));
                Objects.requireNonNull(byFamily.get(token.familyId()), "family").add(successor);
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
    public List<PersistentToken> findByUser(String userId) {
        Instant now = clock.instant();
        List<PersistentToken> found = new ArrayList<>();
        families.computeIfPresent(userId, (user, byFamily) -> {
            for (Set<CredentialKey> keys : byFamily.values()) {
                keys.stream().map(tokens::getIfPresent)
                        .filter(entry -> entry != null && entry.isActiveAt(now))
                        .map(Entry::token)
                        .max(Comparator.comparing(PersistentToken::issuedAt))
                        .ifPresent(found::add);
            }
            return byFamily;
        });
        return found;
    }

    @Override
    public Optional<PersistentToken> revokeFamilyOf(CredentialKey key) {
        Entry entry = tokens.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        PersistentToken token = entry.token();
        boolean[] known = {false};
        families.computeIfPresent(token.userId(), (user, byFamily) -> {
            Set<CredentialKey> keys = byFamily.remove(token.familyId());
            known[0] = keys != null;
            revokeKeys(keys, clock.instant());
            return byFamily.isEmpty() ? null : byFamily;
        });
        return known[0] ? Optional.of(token) : Optional.empty();
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
    private int revokeKeys(@Nullable Set<CredentialKey> keys, Instant now) {
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
}
