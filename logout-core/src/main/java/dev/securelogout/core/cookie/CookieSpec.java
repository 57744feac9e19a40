package dev.securelogout.core.cookie;

import dev.securelogout.core.internal.SetOnce;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One cookie as the application sets it. The same description writes the cookie
 * ({@link #setCookie}) and deletes it ({@link #clearing()}), so the deletion can never drift
 * from the Path and Domain it must match.
 *
 * <p>Validated when built (RFC 6265bis): a token name, a Path starting with {@code /}, a plain
 * host Domain; the {@code __Host-} prefix demands {@code Secure}, {@code Path=/} and no Domain,
 * {@code __Secure-}, {@code SameSite=None} and {@code Partitioned} demand {@code Secure}.
 * Immutable and thread-safe.
 *
 * @param name        the cookie name
 * @param path        the Path attribute
 * @param domain      the Domain attribute, empty for a host-only cookie
 * @param secure      whether {@code Secure} is set: from configuration, never from the request
 * @param httpOnly    whether {@code HttpOnly} is set
 * @param sameSite    the SameSite attribute
 * @param partitioned whether {@code Partitioned} (CHIPS) is set
 */
public record CookieSpec(String name, String path, Optional<String> domain, boolean secure, boolean httpOnly,
                         SameSite sameSite, boolean partitioned) {

    /** The prefix that binds a cookie to this host, Path=/, Secure. */
    public static final String HOST_PREFIX = "__Host-";
    /** The prefix that demands Secure. */
    public static final String SECURE_PREFIX = "__Secure-";
    /** The expiry a deletion writes besides Max-Age=0, for clients that only honour Expires. */
    public static final String EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x3A\\x3C-\\x7E]{0,255}");
    private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*");
    private static final Pattern VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{0,4096}");

    /**
     * Validates every attribute and the prefix rules.
     *
     * @param name the name
     * @param path the path
     * @param domain the domain
     * @param secure the secure
     * @param httpOnly the http only
     * @param sameSite the same site
     * @param partitioned the partitioned
     */
    public CookieSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(sameSite, "sameSite");
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("cookie name must be an RFC 6265 token: " + name);
        }
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("cookie path must start with / and hold no ';' or control characters");
        }
        domain.ifPresent(d -> {
            if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
                throw new IllegalArgumentException("cookie domain must be a host name");
            }
        });
        if (name.startsWith(HOST_PREFIX) && (!secure || !path.equals("/") || domain.isPresent())) {
            throw new IllegalArgumentException(HOST_PREFIX + " cookies need Secure, Path=/ and no Domain: " + name);
        }
        if (name.startsWith(SECURE_PREFIX) && !secure) {
            throw new IllegalArgumentException(SECURE_PREFIX + " cookies need Secure: " + name);
        }
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalArgumentException("SameSite=None needs Secure: " + name);
        }
        if (partitioned && !secure) {
            throw new IllegalArgumentException("Partitioned needs Secure: " + name);
        }
    }

    /**
     * A builder for the cookie {@code name}, defaulting to Path=/, host-only, Secure, HttpOnly, SameSite=Lax.
     *
     * @param name the name
     * @return this builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * The {@code Set-Cookie} value that sets a browser-session cookie (no Max-Age).
     *
     * @param value the value
     * @return the {@code Set-Cookie} value that sets a browser-session cookie
     */
    public String setCookie(String value) {
        return header(validValue(value), null);
    }

    /**
     * The {@code Set-Cookie} value that sets the cookie for {@code maxAge}.
     *
     * @param value the value
     * @param maxAge the max age
     * @return the {@code Set-Cookie} value that sets the cookie for {@code maxAge}
     */
    public String setCookie(String value, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive; use clearing() to delete");
        }
        return header(validValue(value), "Max-Age=" + maxAge.toSeconds());
    }

    /**
     * The {@code Set-Cookie} value that deletes this cookie: empty value, Max-Age=0, Expires in 1970.
     *
     * @return the {@code Set-Cookie} value that deletes this cookie
     */
    public String clearing() {
        return header("", "Max-Age=0; Expires=" + EXPIRED);
    }

    /**
     * The same cookie, host-only.
     *
     * @return the same cookie, host-only
     */
    public CookieSpec withoutDomain() {
        return new CookieSpec(name, path, Optional.empty(), secure, httpOnly, sameSite, partitioned);
    }

    /**
     * The same cookie on another Domain.
     *
     * @param otherDomain the other domain
     * @return the same cookie on another Domain
     */
    public CookieSpec withDomain(String otherDomain) {
        return new CookieSpec(name, path, Optional.of(otherDomain), secure, httpOnly, sameSite, partitioned);
    }

    private String header(String value, @Nullable String lifetime) {
        StringBuilder out = new StringBuilder(name).append('=').append(value).append("; Path=").append(path);
        domain.ifPresent(d -> out.append("; Domain=").append(d));
        if (lifetime != null) {
            out.append("; ").append(lifetime);
        }
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        out.append("; SameSite=").append(sameSite.attribute());
        if (partitioned) {
            out.append("; Partitioned");
        }
        return out.toString();
    }

    private static String validValue(String value) {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("cookie value holds characters RFC 6265 forbids");
        }
        return value;
    }

    /** Builds a {@link CookieSpec}; each setting is given at most once (a second call throws {@link IllegalStateException}). */
    public static final class Builder {
        private final String name;
        private String path = "/";
        private Optional<String> domain = Optional.empty();
        private boolean secure = true;
        private boolean httpOnly = true;
        private SameSite sameSite = SameSite.LAX;
        private boolean partitioned;
        private final SetOnce once = new SetOnce();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The Path attribute, "/" by default.
         *
         * @param value the Path attribute, "/" by default
         * @return this builder
         */
        public Builder path(String value) {
            this.path = once.set("path", value);
            return this;
        }

        /**
         * The Domain attribute; host-only by default.
         *
         * @param value the Domain attribute
         * @return this builder
         */
        public Builder domain(String value) {
            this.domain = Optional.of(once.set("domain", value));
            return this;
        }

        /**
         * Whether to set Secure, true by default. Turn it off only for plain-HTTP development hosts.
         *
         * @param value whether to set Secure, true by default
         * @return this builder
         */
        public Builder secure(boolean value) {
            once.mark("secure");
            this.secure = value;
            return this;
        }

        /**
         * Whether to set HttpOnly, true by default.
         *
         * @param value whether to set HttpOnly, true by default
         * @return this builder
         */
        public Builder httpOnly(boolean value) {
            once.mark("httpOnly");
            this.httpOnly = value;
            return this;
        }

        /**
         * The SameSite attribute, Lax by default.
         *
         * @param value the SameSite attribute, Lax by default
         * @return this builder
         */
        public Builder sameSite(SameSite value) {
            this.sameSite = once.set("sameSite", value);
            return this;
        }

        /**
         * Whether to set Partitioned, false by default.
         *
         * @param value whether to set Partitioned, false by default
         * @return this builder
         */
        public Builder partitioned(boolean value) {
            once.mark("partitioned");
            this.partitioned = value;
            return this;
        }

        /**
         * The validated spec.
         *
         * @return the validated spec
         */
        public CookieSpec build() {
            return new CookieSpec(name, path, domain, secure, httpOnly, sameSite, partitioned);
        }
    }
}
