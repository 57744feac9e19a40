package dev.securelogout.redis;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.ProviderSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key layout under one prefix, and the conversions every store shares: instants as whole
 * microseconds (exact in a Lua number until the year 2255), user input escaped to base64url.
 * Immutable.
 */
final class RedisKeys {

    /** Letters, digits and {@code . _ -}, 1 to 64 of them: no braces, so the hash tag stays ours. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Native TTLs outlive the logical deadline by this much, so the store's clock always decides. */
    static final Duration TTL_MARGIN = Duration.ofMinutes(1);

    private final String prefix;

    RedisKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("key prefix must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** Everything of one partition starts with this: {@code <prefix>:{<partition>}:}. */
    String tag(String partition) {
        return prefix + ":{" + partition + "}:";
    }

    String session(CredentialKey key) {
        return tag(key.partition()) + "s:" + key.digest();
    }

    String sessionPrefix(String partition) {
        return tag(partition) + "s:";
    }

    String sessionIndex(String partition, String userId) {
        return tag(partition) + "u:" + escape(userId);
    }

    String token(CredentialKey key) {
        return tag(key.partition()) + "t:" + key.digest();
    }

    String tokenPrefix(String partition) {
        return tag(partition) + "t:";
    }

    String familyPrefix(String partition) {
        return tag(partition) + "f:";
    }

    String familyIndex(String partition, String userId) {
        return tag(partition) + "F:" + escape(userId);
    }

    String tokenState(String partition, String userId) {
        return tag(partition) + "v:" + escape(userId);
    }

    /** The denylist entry of (issuer, jti): tagged by its own digest, so entries spread over slots. */
    String denied(String issuer, String jti) {
        return ownSlot(issuer, jti, "d");
    }

    /**
     * The index of the sessions that came from one identity-provider session: tagged by its own
     * digest (its sessions may belong to any user, so it cannot share a user's slot).
     */
    String provider(ProviderSession session) {
        return ownSlot(session.issuer(), session.sessionId(), "p");
    }

    /** A key in a slot of its own, named by the digest of the pair ({@code first}, {@code second}). */
    private String ownSlot(String first, String second, String kind) {
        return prefix + ":{" + digest(first.length() + ":" + first + second) + "}:" + kind;
    }

    String epoch() {
        return prefix + ":epoch";
    }

    /** The pub/sub channel of near-cache invalidations. */
    String invalidationChannel() {
        return prefix + ":invalidate";
    }

    /** The pub/sub channel of session notices. */
    String noticeChannel() {
        return prefix + ":notice";
    }

    /** Arbitrary text as a key fragment: base64url of its UTF-8, reversible and injection-free. */
    static String escape(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unescape(String fragment) {
        return new String(Base64.getUrlDecoder().decode(fragment), StandardCharsets.UTF_8);
    }

    static String digest(String text) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static long micros(Instant instant) {
        try {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@link #micros(Instant)} as the text a script takes. */
    static String stamp(Instant instant) {
        return Long.toString(micros(instant));
    }

    static long micros(Duration duration) {
        try {
            return duration.toNanos() / 1_000;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The field {@code name} of a record read from Redis; a record without it is malformed. */
    static String field(Map<String, String> record, String name) {
        String value = record.get(name);
        if (value == null) {
            throw new IllegalStateException("no field " + name);
        }
        return value;
    }

    static Instant instant(String micros) {
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }

    /** The native TTL in milliseconds of a record whose logical deadline is {@code until}. */
    static long ttlMillis(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        return Math.max(0, Math.min(left.toMillis(), Long.MAX_VALUE / 2)) + TTL_MARGIN.toMillis();
    }
}
