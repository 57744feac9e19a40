package dev.securelogout.core.monitor;

/** How one call to a store ended. */
public enum StoreOutcome {
    /** The store answered. */
    SUCCESS,
    /** The store could not answer: a {@link dev.securelogout.core.spi.StoreException}. */
    UNAVAILABLE,
    /** Any other exception: a bug or a misconfiguration rather than an outage. */
    ERROR
}
