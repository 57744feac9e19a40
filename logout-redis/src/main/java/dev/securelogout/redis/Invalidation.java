package dev.securelogout.redis;

import dev.securelogout.core.credential.CredentialKey;
import java.util.Optional;

/**
 * A near-cache invalidation as it crosses {@code <prefix>:invalidate}: {@code s <digest>} for one
 * session, {@code u <partition>} for everything of the users of a partition (their sessions and
 * token state), {@code d <denylist key>} for one access token, {@link #EPOCH} for everything (a new
 * epoch: Redis lost its data). Digests and partitions only.
 *
 * @param kind  what is invalidated
 * @param value the digest, partition or denylist key
 */
record Invalidation(Kind kind, String value) {

    enum Kind { SESSION, USER, DENIED, EPOCH }

    /** The message of a new epoch. */
    static final String EPOCH = "e *";

    static String session(CredentialKey key) {
        return "s " + key.digest();
    }

    static String user(String partition) {
        return "u " + partition;
    }

    static String denied(String denyKey) {
        return "d " + denyKey;
    }

    /** The invalidation in {@code message}, empty for anything malformed. */
    static Optional<Invalidation> parse(String message) {
        if (message == null || message.length() < 3 || message.charAt(1) != ' ') {
            return Optional.empty();
        }
        String value = message.substring(2);
        return switch (message.charAt(0)) {
            case 's' -> Optional.of(new Invalidation(Kind.SESSION, value));
            case 'u' -> Optional.of(new Invalidation(Kind.USER, value));
            case 'd' -> Optional.of(new Invalidation(Kind.DENIED, value));
            case 'e' -> Optional.of(new Invalidation(Kind.EPOCH, value));
            default -> Optional.empty();
        };
    }
}
