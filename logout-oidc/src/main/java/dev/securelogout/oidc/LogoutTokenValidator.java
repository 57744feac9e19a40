package dev.securelogout.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.jwt.RemoteJwks;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a logout token exactly as OpenID Connect Back-Channel Logout 1.0 section 2.6 says; any
 * failure is an empty answer (logged at DEBUG with its reason, never with the token), never an
 * exception.
 *
 * <ol>
 * <li>Encrypted tokens are not accepted (this client registers no encryption key); nor is
 *     anything longer than {@value #MAX_TOKEN_LENGTH} characters, refused before parsing.</li>
 * <li>The signature is checked with a key from the provider's JWKS found through discovery
 *     ({@link RemoteJwks}: a rotated key is fetched at once, an unreachable JWKS refuses).</li>
 * <li>{@code alg} must be the client's registered signing algorithm (RS256 by default): never
 *     {@code none}, never HMAC (which would let the public key be used as a shared secret).
 *     {@code typ}, when present, must be {@code logout+jwt}; {@code crit} headers and unencoded
 *     payloads are refused.</li>
 * <li>{@code iss} equals the provider's issuer; {@code aud} contains this client's id (and
 *     {@code azp}, when present, equals it); {@code iat} is present, not in the future and at most
 *     {@link #MAX_AGE} old; {@code exp} is present and not passed; both beyond the clock skew of
 *     {@link #CLOCK_SKEW}.</li>
 * <li>{@code sub}, {@code sid} or both are present (each a string of 1 to
 *     {@value ProviderSession#MAX_LENGTH} characters).</li>
 * <li>{@code events} is a JSON object with the member {@value #EVENT}.</li>
 * <li>There is no {@code nonce} (an ID token cannot pass for a logout token).</li>
 * <li>{@code jti} is present (1 to {@value AccessTokenId#MAX_LENGTH} characters); whether it was
 *     seen before is {@link BackChannelLogout}'s check, across nodes.</li>
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class LogoutTokenValidator {

    /** The longest token parsed, in characters (8 KiB). */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** The back-channel logout event, the member {@code events} must have. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** The tolerance for clocks out of step. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** The oldest {@code iat} accepted: a logout token is sent at once, never kept. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);

    private static final JOSEObjectType LOGOUT_JWT = new JOSEObjectType("logout+jwt");
    private static final Logger LOG = LoggerFactory.getLogger(LogoutTokenValidator.class);

    private final OidcClient client;
    private final Clock clock;

    /**
     * A validator of the logout tokens {@code client}'s provider sends to it.
     *
     * @param client the client the tokens are for
     */
    public LogoutTokenValidator(OidcClient client) {
        this.client = client;
        this.clock = client.clock();
    }

    /**
     * The claims of {@code token} when it passes every check.
     *
     * @param token the compact JWT as posted
     * @return its claims, or empty when any check fails
     * @throws ProviderUnavailableException when the provider cannot be discovered now (its keys are unknown)
     */
    public Optional<LogoutToken> validate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return refused("empty or oversized");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            if (token.chars().filter(c -> c == '.').count() != 2) {
                return refused("not a compact JWS (encrypted or malformed)");
            }
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return refused("malformed (" + e.getClass().getSimpleName() + ")");
        }
        JWSHeader header = jwt.getHeader();
        if (!client.signingAlgorithm().equals(header.getAlgorithm())) {
            return refused("algorithm not the registered one");
        }
        if (header.getType() != null && !LOGOUT_JWT.equals(header.getType())) {
            return refused("typ not logout+jwt");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return refused("critical header");
        }
        Optional<LogoutToken> checked = claims(claims);
        if (checked.isEmpty()) {
            return checked;
        }
        if (!client.provider().jwks().verifies(jwt, Set.of(client.signingAlgorithm()))) {
            return refused("bad signature or unknown key");
        }
        return checked;
    }

    private Optional<LogoutToken> claims(JWTClaimsSet claims) {
        if (!client.issuer().equals(claims.getIssuer())) {
            return refused("wrong issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(client.clientId())) {
            return refused("wrong audience");
        }
        Object azp = claims.getClaim("azp");
        if (azp != null && !client.clientId().equals(azp)) {
            return refused("wrong authorized party");
        }
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        Instant now = clock.instant();
        if (iat == null || exp == null) {
            return refused("iat or exp missing");
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW)) || iat.toInstant().isBefore(now.minus(MAX_AGE))) {
            return refused("iat out of range");
        }
        if (!now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) {
            return refused("expired");
        }
        Optional<String> subject;
        Optional<String> sessionId;
        String jti;
        try {
            subject = text(claims.getStringClaim("sub"));
            sessionId = text(claims.getStringClaim("sid"));
            jti = claims.getStringClaim("jti");
        } catch (ParseException e) {
            return refused("sub, sid or jti not a string");
        }
        if (subject.isEmpty() && sessionId.isEmpty()) {
            return refused("neither sub nor sid");
        }
        if (subject.map(String::length).orElse(0) > ProviderSession.MAX_LENGTH
                || sessionId.map(String::length).orElse(0) > ProviderSession.MAX_LENGTH) {
            return refused("sub or sid oversized");
        }
        if (jti == null || jti.isEmpty() || jti.length() > AccessTokenId.MAX_LENGTH) {
            return refused("jti missing or oversized");
        }
        if (!(claims.getClaim("events") instanceof Map<?, ?> events) || !events.containsKey(EVENT)) {
            return refused("no back-channel logout event");
        }
        if (claims.getClaim("nonce") != null) {
            return refused("nonce present");
        }
        return Optional.of(new LogoutToken(claims.getIssuer(), subject, sessionId, jti, exp.toInstant()));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<LogoutToken> refused(String reason) {
        LOG.debug("logout token refused: {}", reason);
        return Optional.empty();
    }
}
