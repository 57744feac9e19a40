package dev.securelogout.tck;

import static dev.securelogout.tck.Users.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PersistentTokenStore} must do: refresh and remember-me tokens with rotation,
 * reuse detection and revocation by family or user. Extend it with one hook:
 *
 * <pre>{@code
 * class MyTokenStoreTest extends PersistentTokenStoreContract {
 *     protected PersistentTokenStore createStore(MutableClock clock) { return new MyTokenStore(client, clock); }
 * }
 * }</pre>
 */
public abstract class PersistentTokenStoreContract {

    /** For subclasses, one per implementation under test. */
    protected PersistentTokenStoreContract() {
    }

    /** Lifetime of one token generation in these tests. */
    protected static final Duration TTL = Duration.ofDays(1);
    /** Lifetime of a family in these tests. */
    protected static final Duration FAMILY = Duration.ofDays(3);


    /** The clock the store under test was built with. */
    protected MutableClock clock;
    /** The store under test. */
    protected PersistentTokenStore tokens;

    /**
     * Builds the store under test on {@code clock}: a fresh, empty one (or namespace).
     *
     * @param clock the clock that tells the time
     * @return the persistent token store
     */
    protected abstract PersistentTokenStore createStore(MutableClock clock);

    @BeforeEach
    void createFreshStore() {
        clock = MutableClock.startingNow();
        tokens = createStore(clock);
    }


    /**
     * A key for a new token of {@code userId}.
     *
     * @param userId the user's id
     * @return a key for a new token of {@code userId}
     */
    protected static CredentialKey newKey(String userId) {
        return ContractKeys.newKey(userId);
    }

    /**
     * Issues the first token of a new family of {@code userId}, on a device whose every field is
     * set, in a family whose lineage started before this generation (as for a token issued to a
     * session restored from remember-me).
     *
     * @param userId the user's id
     * @param kind the kind
     * @return the persistent token
     */
    protected PersistentToken issued(String userId, TokenKind kind) {
        Instant now = clock.instant();
        PersistentToken token = new PersistentToken(newKey(userId), kind, UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                userId, now, now.plus(TTL), now.plus(FAMILY), now.minus(Duration.ofMinutes(2)),
                Device.of("curl/8.5.0 {api} \u00fc", "2001:db8::7"));
        tokens.issue(token);
        return token;
    }

    private Rotation rotate(PersistentToken token, CredentialKey successor, Duration grace) {
        return tokens.rotate(token.kind(), token.key(), successor, clock.instant(), TTL, grace);
    }

    @Nested
    @DisplayName("issue and find")
    class IssueAndFind {

        @Test
        @DisplayName("an issued token is found, every field intact")
        void issuedTokenIsFound() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            assertEquals(Optional.of(token), tokens.find(token.key()));
        }

        @Test
        @DisplayName("an unknown token finds nothing")
        void unknownFindsNothing() {
            assertEquals(Optional.empty(), tokens.find(newKey(newUser())));
        }

        @Test
        @DisplayName("a token past its expiry is not found")
        void expiredIsNotFound() {
            PersistentToken token = issued(newUser(), TokenKind.REMEMBER_ME);
            clock.advance(TTL.minusMillis(1));
            assertTrue(tokens.find(token.key()).isPresent());
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), tokens.find(token.key()));
        }
    }

    @Nested
    @DisplayName("rotation")
    class Rotations {

        @Test
        @DisplayName("rotation spends the token and activates its successor in the same family")
        void rotationActivatesSuccessor() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            clock.advance(Duration.ofHours(1));
            CredentialKey next = newKey(token.userId());
            Rotation rotation = rotate(token, next, Duration.ZERO);
            assertEquals(Rotation.Status.ROTATED, rotation.status());
            PersistentToken successor = rotation.token().orElseThrow();
            assertEquals(new PersistentToken(next, TokenKind.REFRESH, token.familyId(), token.userId(), clock.instant(),
                    clock.instant().plus(TTL), token.familyExpiresAt(), token.familyIssuedAt(), token.device()), successor);
            assertEquals(Optional.empty(), tokens.find(token.key()));
            assertEquals(Optional.of(successor), tokens.find(next));
        }

        @Test
        @DisplayName("presenting a spent token revokes its whole family")
        void reuseRevokesFamily() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            CredentialKey next = newKey(token.userId());
            rotate(token, next, Duration.ZERO);
            Rotation reuse = rotate(token, newKey(token.userId()), Duration.ZERO);
            assertEquals(Rotation.Status.REUSE_DETECTED, reuse.status());
            assertEquals(token, reuse.token().orElseThrow());
            assertEquals(Optional.empty(), tokens.find(next));
            assertEquals(Rotation.Status.REJECTED,
                    tokens.rotate(TokenKind.REFRESH, next, newKey(token.userId()), clock.instant(), TTL, Duration.ZERO).status());
        }

        @Test
        @DisplayName("reuse revokes only that family")
        void reuseSparesOtherFamilies() {
            String user = newUser();
            PersistentToken stolen = issued(user, TokenKind.REFRESH);
            PersistentToken other = issued(user, TokenKind.REFRESH);
            rotate(stolen, newKey(user), Duration.ZERO);
            rotate(stolen, newKey(user), Duration.ZERO);
            assertEquals(Optional.of(other), tokens.find(other.key()));
        }

        @Test
        @DisplayName("a token of another kind, an unknown or an expired token is rejected and nothing changes")
        void rejections() {
            PersistentToken token = issued(newUser(), TokenKind.REMEMBER_ME);
            assertEquals(Rotation.Status.REJECTED, tokens.rotate(TokenKind.REFRESH, token.key(), newKey(token.userId()),
                    clock.instant(), TTL, Duration.ZERO).status());
            assertEquals(Optional.of(token), tokens.find(token.key()));
            assertEquals(Rotation.Status.REJECTED, tokens.rotate(TokenKind.REFRESH, newKey(token.userId()),
                    newKey(token.userId()), clock.instant(), TTL, Duration.ZERO).status());
            clock.advance(TTL);
            assertEquals(Rotation.Status.REJECTED, rotate(token, newKey(token.userId()), Duration.ZERO).status());
        }

        @Test
        @DisplayName("no generation outlives its family")
        void familyLifetimeIsAbsolute() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            PersistentToken current = token;
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofHours(20));
                Rotation rotation = rotate(current, newKey(token.userId()), Duration.ZERO);
                if (rotation.status() != Rotation.Status.ROTATED) {
                    break;
                }
                current = rotation.token().orElseThrow();
                assertFalse(current.expiresAt().isAfter(token.familyExpiresAt()));
            }
            clock.advance(Duration.ofDays(1));
            assertFalse(clock.instant().isBefore(token.familyExpiresAt()));
            assertEquals(Optional.empty(), tokens.find(current.key()));
            assertEquals(Rotation.Status.REJECTED, rotate(current, newKey(token.userId()), Duration.ZERO).status());
        }

        @Test
        @DisplayName("inside the grace window a spent token yields the same successor; after it, reuse")
        void graceWindow() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            CredentialKey next = newKey(token.userId());
            Duration grace = Duration.ofSeconds(10);
            PersistentToken successor = rotate(token, next, grace).token().orElseThrow();
            clock.advance(Duration.ofSeconds(9));
            Rotation replay = rotate(token, next, grace);
            assertEquals(Rotation.Status.REPLAYED_IN_GRACE, replay.status());
            assertEquals(successor, replay.token().orElseThrow());
            assertEquals(Optional.of(successor), tokens.find(next));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(Rotation.Status.REUSE_DETECTED, rotate(token, next, grace).status());
            assertEquals(Optional.empty(), tokens.find(next));
        }

        @Test
        @DisplayName("without a grace window a replay is reuse, even one whose clock reading precedes the spend (a racing rotation)")
        void noGraceWindowMeansNoReplay() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            CredentialKey next = newKey(token.userId());
            Instant racer = clock.instant();
            clock.advance(Duration.ofMillis(1));
            rotate(token, next, Duration.ZERO).token().orElseThrow();
            Rotation replay = tokens.rotate(token.kind(), token.key(), next, racer, TTL, Duration.ZERO);
            assertEquals(Rotation.Status.REUSE_DETECTED, replay.status());
            assertEquals(Optional.empty(), tokens.find(next));
        }

        @Test
        @DisplayName("grace does not apply once the successor itself was used")
        void graceEndsWhenSuccessorIsSpent() {
            PersistentToken token = issued(newUser(), TokenKind.REFRESH);
            CredentialKey next = newKey(token.userId());
            Duration grace = Duration.ofSeconds(10);
            PersistentToken successor = rotate(token, next, grace).token().orElseThrow();
            rotate(successor, newKey(token.userId()), grace);
            assertEquals(Rotation.Status.REUSE_DETECTED, rotate(token, next, grace).status());
        }

        @Test
        @DisplayName("of concurrent rotations of one token exactly one succeeds")
        void concurrentRotations() throws Exception {
            for (int round = 0; round < 10; round++) {
                PersistentToken token = issued(newUser(), TokenKind.REFRESH);
                List<Callable<Rotation.Status>> tasks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    tasks.add(() -> rotate(token, newKey(token.userId()), Duration.ZERO).status());
                }
                List<Rotation.Status> results = Concurrently.run(tasks);
                assertEquals(1, results.stream().filter(s -> s == Rotation.Status.ROTATED).count(), results.toString());
            }
        }
    }

    @Nested
    @DisplayName("find by user")
    class FindByUser {

        @Test
        @DisplayName("lists one active token per family, its newest generation, and only that user's")
        void newestGenerationPerFamily() {
            String user = newUser();
            PersistentToken rotated = issued(user, TokenKind.REFRESH);
            clock.advance(Duration.ofMinutes(1));
            PersistentToken next = rotate(rotated, newKey(user), Duration.ZERO).token().orElseThrow();
            PersistentToken remember = issued(user, TokenKind.REMEMBER_ME);
            issued(newUser(), TokenKind.REFRESH);
            assertEquals(Set.of(next, remember), Set.copyOf(tokens.findByUser(user)));
            assertEquals(List.of(), tokens.findByUser(newUser()));
        }

        @Test
        @DisplayName("revoked and expired families are not listed")
        void revokedAndExpiredAreNotListed() {
            String user = newUser();
            PersistentToken revoked = issued(user, TokenKind.REFRESH);
            tokens.revokeFamilyOf(revoked.key());
            issued(user, TokenKind.REMEMBER_ME);
            clock.advance(TTL);
            assertEquals(List.of(), tokens.findByUser(user));
        }
    }

    @Nested
    @DisplayName("revocation")
    class Revocation {

        @Test
        @DisplayName("revoking by any generation's key ends the family's active token")
        void revokeFamilyBySpentKey() {
            PersistentToken token = issued(newUser(), TokenKind.REMEMBER_ME);
            CredentialKey next = newKey(token.userId());
            rotate(token, next, Duration.ZERO);
            assertEquals(Optional.of(token), tokens.revokeFamilyOf(token.key()), "names the presented token");
            assertEquals(Optional.empty(), tokens.find(next));
            assertEquals(Optional.empty(), tokens.revokeFamilyOf(next), "the family has ended");
            assertEquals(Optional.empty(), tokens.revokeFamilyOf(newKey(token.userId())));
        }

        @Test
        @DisplayName("revoking a user's family by its id ends every generation, and only that user's")
        void revokeFamilyById() {
            String user = newUser();
            PersistentToken token = issued(user, TokenKind.REMEMBER_ME);
            CredentialKey next = newKey(user);
            rotate(token, next, Duration.ZERO);
            PersistentToken other = issued(user, TokenKind.REMEMBER_ME);
            assertEquals(0, tokens.revokeFamily(newUser(), token.familyId()));
            assertTrue(tokens.find(next).isPresent());
            assertEquals(1, tokens.revokeFamily(user, token.familyId()));
            assertEquals(Optional.empty(), tokens.find(next));
            assertEquals(Rotation.Status.REJECTED, rotate(token, newKey(user), Duration.ZERO).status());
            assertEquals(Optional.of(other), tokens.find(other.key()));
            assertEquals(0, tokens.revokeFamily(user, token.familyId()));
        }

        @Test
        @DisplayName("revoking a family spares the user's other families")
        void revokeFamilySparesOthers() {
            String user = newUser();
            PersistentToken one = issued(user, TokenKind.REFRESH);
            PersistentToken two = issued(user, TokenKind.REFRESH);
            assertEquals(Optional.of(one), tokens.revokeFamilyOf(one.key()));
            assertEquals(Optional.of(two), tokens.find(two.key()));
        }

        @Test
        @DisplayName("revoking all of a user ends every token of both kinds, and no other user's")
        void revokeAllOfUser() {
            String user = newUser();
            String other = newUser();
            PersistentToken refresh = issued(user, TokenKind.REFRESH);
            PersistentToken remember = issued(user, TokenKind.REMEMBER_ME);
            PersistentToken rotated = issued(user, TokenKind.REFRESH);
            CredentialKey next = newKey(user);
            rotate(rotated, next, Duration.ZERO);
            PersistentToken others = issued(other, TokenKind.REFRESH);
            assertEquals(3, tokens.revokeAllOfUser(user));
            for (CredentialKey key : List.of(refresh.key(), remember.key(), next)) {
                assertEquals(Optional.empty(), tokens.find(key));
            }
            assertEquals(Rotation.Status.REJECTED, rotate(rotated, newKey(user), Duration.ZERO).status());
            assertEquals(Optional.of(others), tokens.find(others.key()));
            assertEquals(0, tokens.revokeAllOfUser(user));
        }
    }
}
