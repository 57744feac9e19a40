package dev.securelogout.jwt;

import dev.securelogout.core.token.AccessTokenClaims;
import java.util.Objects;

/**
 * An access token just minted by {@link JwtIssuer}: the compact JWT for the client and the claims
 * it carries (for {@code expires_in}, or for the audit). {@link #toString()} does not reveal the
 * token.
 *
 * @param value  the compact signed JWT, for the client only
 * @param claims what it says
 */
public record SignedAccessToken(String value, AccessTokenClaims claims) {

    /**
     * Checks presence.
     *
     * @param value the value
     * @param claims the token's claims
     */
    public SignedAccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(claims, "claims");
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "SignedAccessToken[<redacted>, " + claims + "]";
    }
}
