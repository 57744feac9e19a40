package dev.securelogout.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's token generation: every access token issued before the last "logout everywhere" is
 * refused without having been listed. Tokens that carry a version claim are judged by
 * {@link #version()}, which is exact; tokens without one by {@link #notBefore()}, which refuses
 * tokens issued in the same second as the logout (a whole-second {@code iat} cannot tell).
 *
 * @param version   starts at 0, one more on every advance
 * @param notBefore tokens issued before it are refused
 */
public record TokenState(long version, Instant notBefore) {

    /** The state of a user who never logged out everywhere. */
    public static final TokenState INITIAL = new TokenState(0, Instant.EPOCH);

    /**
     * Checks presence and sign.
     *
     * @param version the version
     * @param notBefore the instant before which it is refused
     */
    public TokenState {
        Objects.requireNonNull(notBefore, "notBefore");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /**
     * The next state: one version more, not-before moved to {@code at} (never backwards).
     *
     * @param at the instant
     * @return the next state
     */
    public TokenState advancedTo(Instant at) {
        return new TokenState(version + 1, at.isAfter(notBefore) ? at : notBefore);
    }

    /**
     * Whether a verified token with these claims was issued before this state.
     *
     * @param claims the token's claims
     * @return whether a verified token with these claims was issued before this state
     */
    public boolean supersedes(AccessTokenClaims claims) {
        return claims.version().isPresent()
                ? claims.version().getAsLong() < version
                : claims.issuedAt().isBefore(notBefore);
    }
}
