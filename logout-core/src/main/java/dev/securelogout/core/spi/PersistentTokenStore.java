package dev.securelogout.core.spi;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refresh and remember-me tokens: every generation of every family, with rotation and reuse
 * detection.
 *
 * <p><b>Expiry.</b> A token past its {@code expiresAt} or its family's {@code familyExpiresAt}, by
 * the store's clock, counts as absent; its records go away on their own (no growth without bound).
 *
 * <p><b>Atomicity.</b> {@link #rotate} is atomic per token: of two concurrent rotations of one
 * token exactly one sees it active. {@link #revokeAllOfUser} and {@link #revokeFamily} are atomic
 * against {@link #issue} and {@link #rotate} of the tokens they cover: a generation issued or
 * rotated before the revocation began does not survive it.
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe. Any failure to reach or
 * use the backing store is a {@link StoreException}; a store that cannot answer never reports a
 * token as active. Revoking what is not there is not a failure.
 *
 * <p>Prove an implementation by extending {@code PersistentTokenStoreContract} from {@code logout-tck}.
 */
public interface PersistentTokenStore {

    /**
     * Stores a newly issued token, the first generation of a new family.
     *
     * @param token the token
     */
    void issue(PersistentToken token);

    /**
     * The token under {@code key} when it is active: known, unexpired, unspent and unrevoked.
     *
     * @param key the key
     * @return the token under {@code key} when it is active
     */
    Optional<PersistentToken> find(CredentialKey key);

    /**
     * The active tokens of {@code userId}, one per family (its newest active generation), in no
     * particular order: what a device list shows of a user's API clients and remember-me series.
     *
     * @param userId the user's id
     * @return the active tokens of {@code userId}, one per family
     */
    List<PersistentToken> findByUser(String userId);

    /**
     * Spends the presented token and activates its successor under {@code successor}, atomically:
     * the successor is {@link PersistentToken#successor the presented token's next generation},
     * issued {@code now}, expiring after {@code timeToLive} (never after its family).
     *
     * <p>When the presented token was already spent: inside {@code grace} after its rotation and
     * with the token under {@code successor} still active, {@link Rotation.Status#REPLAYED_IN_GRACE}
     * and nothing changes; otherwise its whole family is revoked and the answer is
     * {@link Rotation.Status#REUSE_DETECTED}. A token that is unknown, expired, revoked, of
     * another kind than {@code kind}, or whose family has ended is {@link Rotation.Status#REJECTED}.
     *
     * @param kind the kind
     * @param presented the presented
     * @param successor the successor
     * @param now the current instant
     * @param timeToLive how long it lives
     * @param grace the grace
     * @return the rotation
     */
    Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                    Duration timeToLive, Duration grace);

    /**
     * Revokes the whole family of the token under {@code key}, whether that token is active or
     * spent.
     *
     * @param key the key
     * @return the token under {@code key} (naming its user and family), when it was known and its
     *         family not yet ended; empty otherwise
     */
    Optional<PersistentToken> revokeFamilyOf(CredentialKey key);

    /**
     * Revokes the family {@code familyId} of {@code userId}, every generation of it; another
     * user's family of the same id is untouched.
     *
     * @param userId the user's id
     * @param familyId the token family's id
     * @return how many active tokens were revoked
     */
    int revokeFamily(String userId, String familyId);

    /**
     * Revokes every refresh and remember-me token of {@code userId}.
     *
     * @param userId the user's id
     * @return how many active tokens were revoked
     */
    int revokeAllOfUser(String userId);
}
