package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.SecurityEvent;
import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine and its stores, under securelogout.*. A setting left out keeps the engine's
 * default (README, "Configuration"). Immutable.
 *
 * @param secret                 at least 32 bytes, the same on every node that shares a store: the
 *                               engine's key (audit digests, rotation successors) is derived from it;
 *                               random when unset, which suits one node only
 * @param store                  memory, jdbc or redis; when unset: redis
 *                               when securelogout.redis.url is set, else jdbc when the
 *                               application has a DataSource, else memory
 * @param idleTimeout            a session dies without a request for this long (30 minutes)
 * @param absoluteTimeout        a session dies this long after login whatever the activity (12 hours)
 * @param touchInterval          a check records activity at most this often (1 minute)
 * @param rememberMeLifetime     a remember-me series dies after this (30 days)
 * @param refreshTokenTimeToLive a refresh token dies unused after this (14 days)
 * @param refreshFamilyLifetime  a refresh-token family dies this long after login (30 days)
 * @param refreshGraceWindow     a spent refresh token presented again within this window yields
 *                               the same successor (0, off)
 * @param logoutRedirect         where a browser goes after logout, a same-site path (/login)
 * @param clearSiteData          the Clear-Site-Data directives of a logout (cookies,
 *                               storage)
 * @param keepCurrentSessionOn   the security events after which the session that made the change
 *                               survives, under a new id, while every other session and token of
 *                               the user ends (password-changed, email-changed, mfa-changed); the
 *                               others end every session
 * @param cookies                the session and remember-me cookies
 * @param jdbc                   the JDBC stores, on the application's DataSource
 * @param redis                  the Redis stores, near cache and cross-node notices
 */
@ConfigurationProperties("securelogout")
public record SecureLogoutProperties(String secret, Store store, Duration idleTimeout, Duration absoluteTimeout,
                                     Duration touchInterval, Duration rememberMeLifetime, Duration refreshTokenTimeToLive,
                                     Duration refreshFamilyLifetime, Duration refreshGraceWindow, String logoutRedirect,
                                     Set<ClearSiteData> clearSiteData, Set<SecurityEvent> keepCurrentSessionOn,
                                     @DefaultValue Cookies cookies, @DefaultValue Jdbc jdbc, @DefaultValue Redis redis) {

    /** The label of the engine's key, derived from {@link #secret()} (the servlet example derives it the same way). */
    public static final String ENGINE_KEY = "secure-logout engine key";
    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * A key of its own for one use of the secret: HMAC-SHA256(secret, label). The engine's is
     * {@link #ENGINE_KEY}; an application derives others (an access-token signing key, say) here.
     *
     * @param label the label
     * @return a key of its own for one use of the secret
     * @throws IllegalStateException when the secret is not set or shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public byte[] derivedKey(String label) {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("securelogout.secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** Where sessions and tokens live. */
    public enum Store {
        /** In this process: one node. */
        MEMORY,
        /** The application's DataSource (PostgreSQL, MariaDB, H2). */
        JDBC,
        /** Redis at securelogout.redis.url. */
        REDIS
    }

    /**
     * The cookies; each is Path=/; Secure; HttpOnly whatever is set here.
     *
     * @param sessionName    the session cookie (__Host-sid)
     * @param rememberMeName the remember-me cookie (__Host-remember)
     * @param sameSite       the SameSite of the cookies named here (lax)
     * @param domain         the Domain of the cookies named here; only for names without the __Host- prefix
     */
    public record Cookies(String sessionName, String rememberMeName, SameSite sameSite, String domain) {
    }

    /**
     * The JDBC stores.
     *
     * @param tablePrefix      the prefix of the tables (logout_)
     * @param initializeSchema whether the tables are created at start-up when missing
     * @param purgeInterval    how often each node deletes the expired rows and reports the expired
     *                         sessions (audited as EXPIRED); 0 for none, when something else purges (1m)
     */
    public record Jdbc(@DefaultValue("logout_") String tablePrefix, boolean initializeSchema,
                       @DefaultValue("1m") Duration purgeInterval) {
    }

    /**
     * The Redis stores. With store=jdbc, a URL here carries only the cross-node notices.
     *
     * @param url       redis://host:port or rediss://user:password@host:port/db
     *                  (redis://127.0.0.1:6379 when store=redis)
     * @param prefix    the prefix of the keys and channels (securelogout)
     * @param nearCache whether each node keeps a near cache in front of the per-request checks
     * @param staleness how long the near cache may lag a revocation whose message was lost (1 second)
     */
    public record Redis(String url, @DefaultValue("securelogout") String prefix, @DefaultValue("true") boolean nearCache,
                        Duration staleness) {
    }
}
