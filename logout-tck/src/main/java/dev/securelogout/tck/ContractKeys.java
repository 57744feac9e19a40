package dev.securelogout.tck;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.credential.PartitionKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The secret and partition key the contract suites draw credentials with. A store that derives
 * partitions from user ids itself (as the Redis stores do) is built with {@link #PARTITIONS}; an
 * engine over such a store is given {@link #secret()}.
 */
public final class ContractKeys {

    private static final String SECRET = "secure-logout contract suites' fixed test secret";

    /** The suites' partition key: that of {@link #secret()}. */
    public static final PartitionKey PARTITIONS = PartitionKey.of(secret());

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContractKeys() {
    }

    /**
     * The suites' fixed test secret, a new copy each call.
     *
     * @return the secret's bytes, for an engine's {@code secretKey}
     */
    public static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    /** The key of a new credential of {@code userId}. */
    static CredentialKey newKey(String userId) {
        return PARTITIONS.generate(userId, RANDOM).key();
    }
}
