package dev.securelogout.core.monitor;

/** What happened to a revocation a store could not take (see {@link dev.securelogout.core.LogoutEngine#pendingRevocations()}). */
public enum RevocationEvent {
    /** It failed and is now pending: refused on this node and retried. */
    QUEUED,
    /** A retry failed again; another follows. */
    RETRY_FAILED,
    /** A retry succeeded: the store took it and it left the pending ones. */
    RETRY_SUCCEEDED,
    /** It left the pending ones untried because what it revokes has expired anyway. */
    EXPIRED,
    /** It was dropped and holds on no node: too old, too many pending, the engine closed, or it can never succeed. */
    DROPPED
}
