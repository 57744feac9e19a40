package dev.securelogout.core.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The claims of an access token the application has already verified (signature, audience,
 * expiry): core never parses or verifies a JWT, it only decides whether a verified token has been
 * revoked since.
 *
 * @param id        issuer and jti
 * @param subject   the {@code sub} claim: the user id
 * @param issuedAt  the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 * @param version   the user's token version when it was issued, when the app embeds it
 * @param grant     the refresh-token family (the device) it was minted from, when the app embeds
 *                  it: revoking that family refuses the token at once
 */
public record AccessTokenClaims(AccessTokenId id, String subject, Instant issuedAt, Instant expiresAt,
                                OptionalLong version, Optional<String> grant) {

    /**
     * Checks presence.
     *
     * @param id the id
     * @param subject the subject
     * @param issuedAt when it was issued
     * @param expiresAt when it expires
     * @param version the version
     * @param grant the grant
     */
    public AccessTokenClaims {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(grant, "grant");
    }

    /**
     * Claims of a token minted from no refresh-token family.
     *
     * @param id the id
     * @param subject the subject
     * @param issuedAt when it was issued
     * @param expiresAt when it expires
     * @param version the version
     */
    public AccessTokenClaims(AccessTokenId id, String subject, Instant issuedAt, Instant expiresAt, OptionalLong version) {
        this(id, subject, issuedAt, expiresAt, version, Optional.empty());
    }
}
