package dev.securelogout.core.spi;

import dev.securelogout.core.token.AccessTokenId;
import java.time.Instant;

/**
 * Access tokens refused before their expiry, each until that expiry: the entry lives exactly as
 * long as the token would, so the list never outgrows the tokens in circulation.
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe. Any failure to reach or
 * use the backing store is a {@link StoreException}; a store that cannot answer never reports a
 * token as allowed. Denying an id twice keeps the later expiry.
 *
 * <p>Prove an implementation by extending {@code AccessTokenDenylistContract} from {@code logout-tck}.
 */
public interface AccessTokenDenylist {

    /**
     * Refuses {@code id} until {@code until}, when the entry disappears.
     *
     * @param id the id
     * @param until the until
     */
    void deny(AccessTokenId id, Instant until);

    /**
     * Whether {@code id} is on the denylist now.
     *
     * @param id the id
     * @return whether {@code id} is on the denylist now
     */
    boolean isDenied(AccessTokenId id);
}
