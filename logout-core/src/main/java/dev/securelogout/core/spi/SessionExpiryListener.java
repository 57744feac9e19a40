package dev.securelogout.core.spi;

import dev.securelogout.core.session.Session;
import java.util.Collection;
import org.slf4j.LoggerFactory;

/**
 * Told of each session a {@link SessionStore} removed because its idle or absolute deadline
 * passed, so that the engine audits it as {@code LogoutReason.EXPIRED}. Never told of a session
 * that was deleted explicitly. Called after the removal, outside the store's locks, on whichever
 * thread observed the expiry; must be thread-safe and quick.
 */
@FunctionalInterface
public interface SessionExpiryListener {

    /**
     * Handles one expired session.
     *
     * @param session the session as it was when it expired
     */
    void expired(Session session);

    /**
     * Tells each of {@code listeners} that {@code session} expired, for a store's implementation of
     * {@link SessionStore#onExpiry}: a listener that throws is logged and skipped, and never stops
     * the others or the store.
     *
     * @param listeners the listeners the store was given
     * @param session the expired session
     */
    static void report(Collection<SessionExpiryListener> listeners, Session session) {
        for (SessionExpiryListener listener : listeners) {
            try {
                listener.expired(session);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(SessionExpiryListener.class).warn("a session expiry listener failed: {}", e.toString());
            }
        }
    }
}
