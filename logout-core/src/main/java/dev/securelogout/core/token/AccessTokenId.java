package dev.securelogout.core.token;

import java.util.Objects;

/**
 * Names one access token for the denylist: its issuer and its {@code jti}. Never the token's text
 * or a hash of it, since a JWT can be re-encoded and still verify.
 *
 * @param issuer the {@code iss} claim, "" when the app has none
 * @param jti    the {@code jti} claim
 */
public record AccessTokenId(String issuer, String jti) {

    /** Longest issuer or jti accepted. */
    public static final int MAX_LENGTH = 256;

    /** The issuer of the denylist entries that stand for a whole grant ({@link #ofGrant}). */
    public static final String GRANT_ISSUER = "urn:secure-logout:grant";

    /**
     * The denylist entry that refuses every access token minted from the refresh-token family
     * {@code familyId} ({@link AccessTokenClaims#grant()}): written when that family is revoked.
     *
     * @param familyId the token family's id
     * @return the access token id
     */
    public static AccessTokenId ofGrant(String familyId) {
        return new AccessTokenId(GRANT_ISSUER, familyId);
    }

    /**
     * Rejects a missing, empty or oversized jti and an oversized issuer.
     *
     * @param issuer the issuer
     * @param jti the token id ({@code jti})
     */
    public AccessTokenId {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jti, "jti");
        if (jti.isEmpty() || jti.length() > MAX_LENGTH || issuer.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("jti must have 1 to " + MAX_LENGTH + " characters, issuer at most " + MAX_LENGTH);
        }
    }
}
