package dev.securelogout.core.token;

import dev.securelogout.core.StoreException;
import dev.securelogout.core.credential.CredentialKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a user holds that outlives a request: refresh and remember-me tokens (with rotation
 * and reuse detection), the access-token denylist, and the per-user {@link TokenState}.
 *
 * <p><b>Expiry.</b> A token past its {@code expiresAt} or its family's {@code familyExpiresAt}, and
 * a denylist entry past its token's expiry, by the store's clock, count as absent; their records
 * go away on their own (no growth without bound).
 *
 * <p><b>Atomicity.</b> {@link #rotate} is atomic per token: of two concurrent rotations of one
 * token exactly one sees it active. {@link #revokeAllOfUser} is atomic against {@link #issue}
 * and {@link #rotate} of that user's tokens.
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe. Any failure to reach or
 * use the backing store is a {@link StoreException}; a store that cannot answer never reports a
 * token as active or an access token as allowed. Revoking what is not there is not a failure.
 *
 * <p>Prove an implementation by extending {@code TokenRevokerContract} from {@code logout-tck}.
 */
public interface TokenRevoker {

    /** Stores a newly issued token (the first of a family, or a standalone one). */
    void issue(PersistentToken token);

    /** The token under {@code key} when it is active: known, unexpired, unspent and unrevoked. */
    Optional<PersistentToken> find(CredentialKey key);

    /**
     * Spends the presented token and activates its successor under {@code successor}, atomically.
     * The successor copies the presented token's kind, family, user and family expiry, was issued
     * {@code now} and expires after {@code timeToLive} (never after its family).
     *
     * <p>When the presented token was already spent: inside {@code grace} after its rotation and
     * with the token under {@code successor} still active, {@link Rotation.Status#REPLAYED_IN_GRACE}
     * and nothing changes; otherwise its whole family is revoked and the answer is
     * {@link Rotation.Status#REUSE_DETECTED}. A token that is unknown, expired, revoked, of
     * another kind than {@code kind}, or whose family has ended is {@link Rotation.Status#REJECTED}.
     */
    Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                    Duration timeToLive, Duration grace);

    /**
     * Revokes the whole family of the token under {@code key}, whether that token is active or
     * spent.
     *
     * @return how many active tokens were revoked
     */
    int revokeFamilyOf(CredentialKey key);

    /**
     * Revokes the family {@code familyId} of {@code userId}, every generation of it; another
     * user's family of the same id is untouched.
     *
     * @return how many active tokens were revoked
     */
    int revokeFamily(String userId, String familyId);

    /**
     * Revokes every refresh and remember-me token of {@code userId}.
     *
     * @return how many active tokens were revoked
     */
    int revokeAllOfUser(String userId);

    /** Refuses the access token {@code id} until {@code expiresAt}, when the entry disappears. */
    void deny(AccessTokenId id, Instant expiresAt);

    /** Whether the access token {@code id} is on the denylist now. */
    boolean isDenied(AccessTokenId id);

    /** The user's current token state, {@link TokenState#INITIAL} for a user never advanced. */
    TokenState tokenState(String userId);

    /** Advances the user's token state to {@code notBefore} atomically and returns the new state. */
    TokenState advanceTokenState(String userId, Instant notBefore);
}
