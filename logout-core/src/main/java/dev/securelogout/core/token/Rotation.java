package dev.securelogout.core.token;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code PersistentTokenStore.rotate} did with a presented token.
 *
 * @param status what happened
 * @param token  {@link Status#ROTATED} and {@link Status#REPLAYED_IN_GRACE}: the successor now
 *               active; {@link Status#REUSE_DETECTED}: the presented token, for whom and which
 *               family; {@link Status#REJECTED}: empty
 */
public record Rotation(Status status, Optional<PersistentToken> token) {

    /** The outcomes of a rotation. */
    public enum Status {
        /** The token was active: it is now spent and its successor is active. */
        ROTATED,
        /** The token was spent moments ago (inside the grace window): the same successor stands. */
        REPLAYED_IN_GRACE,
        /** The token was spent before: likely theft, its whole family is now revoked. */
        REUSE_DETECTED,
        /** Unknown, expired, revoked, of another kind, or its family has ended. */
        REJECTED
    }

    /**
     * Checks that a token is present exactly when the status carries one.
     *
     * @param status the status
     * @param token the token
     */
    public Rotation {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(token, "token");
        if (token.isPresent() == (status == Status.REJECTED)) {
            throw new IllegalArgumentException(status + " " + (token.isPresent() ? "carries no" : "needs a") + " token");
        }
    }

    /**
     * The token was rejected.
     *
     * @return a rejected rotation
     */
    public static Rotation rejected() {
        return new Rotation(Status.REJECTED, Optional.empty());
    }

    /**
     * A rotation with {@code status} concerning {@code token}.
     *
     * @param status the status
     * @param token the token
     * @return a rotation with {@code status} concerning {@code token}
     */
    public static Rotation of(Status status, PersistentToken token) {
        return new Rotation(status, Optional.of(token));
    }
}
