package dev.securelogout.jwt;

import com.nimbusds.jwt.JWTClaimNames;
import dev.securelogout.core.token.AccessTokenId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks that the issuer and the verifier apply alike to their settings. Stateless. */
final class Settings {

    private static final Set<String> REGISTERED = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.SUBJECT,
            JWTClaimNames.AUDIENCE, JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.NOT_BEFORE,
            JWTClaimNames.ISSUED_AT, JWTClaimNames.JWT_ID);

    private Settings() {
    }

    /**
     * Checks the issuer, audience and version-claim settings.
     *
     * @throws IllegalStateException naming the first that is missing or unusable
     */
    static void requireClaims(@Nullable String issuer, @Nullable String audience, String versionClaim) {
        if (issuer == null || issuer.isEmpty() || issuer.length() > AccessTokenId.MAX_LENGTH) {
            throw new IllegalStateException("issuer is required, 1 to " + AccessTokenId.MAX_LENGTH + " characters");
        }
        if (audience == null || audience.isEmpty()) {
            throw new IllegalStateException("audience is required");
        }
        if (versionClaim.isEmpty() || REGISTERED.contains(versionClaim)) {
            throw new IllegalStateException("versionClaim must be a non-empty name other than a registered claim: "
                    + versionClaim);
        }
    }
}
