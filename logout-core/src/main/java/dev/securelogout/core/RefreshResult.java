package dev.securelogout.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link LogoutEngine#refresh} and the token half of a remember-me login.
 *
 * @param status what happened
 * @param token  the successor to hand to the client, present exactly when {@link Status#ROTATED}
 */
public record RefreshResult(Status status, Optional<IssuedToken> token) {

    /** The possible answers. */
    public enum Status {
        /** The token was good; {@link #token()} is its successor (the same one on a replay in grace). */
        ROTATED,
        /** Unknown, expired, revoked, or garbage. */
        REJECTED,
        /** A spent token was presented again: its family is revoked and an event published. */
        REUSE_DETECTED,
        /** The store could not answer: answer 503, and keep the client's token. */
        UNAVAILABLE
    }

    /**
     * Checks that a token is present exactly for {@link Status#ROTATED}.
     *
     * @param status the status
     * @param token the token
     */
    public RefreshResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(token, "token");
        if (token.isPresent() != (status == Status.ROTATED)) {
            throw new IllegalArgumentException("a token goes with ROTATED and only with it");
        }
    }

    static RefreshResult of(Status status) {
        return new RefreshResult(status, Optional.empty());
    }

    static RefreshResult rotated(IssuedToken token) {
        return new RefreshResult(Status.ROTATED, Optional.of(token));
    }
}
