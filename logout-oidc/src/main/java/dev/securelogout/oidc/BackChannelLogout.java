package dev.securelogout.oidc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.token.AccessTokenId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a provider's logout token: validates it ({@link LogoutTokenValidator}), refuses a
 * replay, and ends what it names on every node ({@link LogoutEngine#providerLogout}): the local
 * sessions of its {@code sid}, or every session and token of its {@code sub}; with both, the
 * sessions of the {@code sid} and the user's access tokens.
 *
 * <p><b>Replay.</b> A token's {@code jti} is recorded until its {@code exp} (plus the clock skew)
 * on the engine's access-token denylist, under an issuer of its own
 * ({@value #REPLAY_NAMESPACE} and a digest of the provider's issuer), so every node that shares
 * the stores refuses it the second time ({@link LogoutEngine#useOnce}). The check and the record
 * are two store calls: the same token delivered to two nodes at the same instant may pass on both,
 * which ends the same sessions twice and nothing more.
 *
 * <p>Immutable and thread-safe.
 */
public final class BackChannelLogout {

    /** The namespace of the denylist entries that record seen logout tokens. */
    public static final String REPLAY_NAMESPACE = "urn:secure-logout:logout-token:";

    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogout.class);

    /** What became of a logout token. */
    public enum Result {
        /** Valid and new: what it names has ended (answer 200). */
        LOGGED_OUT,
        /** Invalid or replayed: nothing changed (answer 400). */
        INVALID,
        /** The provider's keys or a store could not be reached (answer 503; the provider may send it again). */
        UNAVAILABLE
    }

    private final LogoutEngine engine;
    private final LogoutTokenValidator validator;

    /**
     * Ends sessions through {@code engine}, for tokens that {@code validator} accepts.
     *
     * @param engine    the engine whose stores the nodes share
     * @param validator the validator of the provider's logout tokens
     */
    public BackChannelLogout(LogoutEngine engine, LogoutTokenValidator validator) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Handles the {@code logout_token} that {@code caller} posted. Never throws.
     *
     * @param logoutToken the token as posted
     * @param caller      the provider's server, as the request shows it
     * @return what became of it
     */
    public Result receive(String logoutToken, Device caller) {
        try {
            Optional<LogoutToken> valid = validator.validate(logoutToken);
            if (valid.isEmpty()) {
                return Result.INVALID;
            }
            LogoutToken token = valid.get();
            AccessTokenId seen = new AccessTokenId(REPLAY_NAMESPACE + digest(token.issuer()), token.jti());
            if (!engine.useOnce(seen, token.expiresAt().plus(LogoutTokenValidator.CLOCK_SKEW))) {
                LOG.debug("logout token refused: replayed jti");
                return Result.INVALID;
            }
            LogoutOutcome outcome = engine.providerLogout(
                    token.sessionId().map(sid -> new ProviderSession(token.issuer(), sid)), token.subject(), caller);
            return outcome.serverSideFailed() ? Result.UNAVAILABLE : Result.LOGGED_OUT;
        } catch (RuntimeException e) {
            LOG.warn("back-channel logout unavailable: {}", e.getClass().getSimpleName());
            return Result.UNAVAILABLE;
        }
    }

    /** A short, fixed-length stand-in for an issuer of any length. */
    private static String digest(String issuer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(issuer.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
