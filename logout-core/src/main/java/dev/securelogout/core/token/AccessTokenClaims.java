package dev.securelogout.core.token;

import java.time.Instant;
import java.util.Objects;
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
 */
public record AccessTokenClaims(AccessTokenId id, String subject, Instant issuedAt, Instant expiresAt,
                                OptionalLong version) {

    /** Checks presence. */
    public AccessTokenClaims {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(version, "version");
    }
}
