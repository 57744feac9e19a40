package dev.securelogout.core.spi;

import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.event.SignInNotice;
import java.util.function.Consumer;

/**
 * Carries {@link SessionNotice}s to the clients of a user that are still connected (a Server-Sent
 * Events stream, a WebSocket), on this node and, for a distributed implementation, on every node.
 *
 * <p>Delivery is best effort and at most once: a notice is a courtesy that lets a page leave at
 * once; the store, not the notice, is what refuses an ended session. Implementations are
 * thread-safe; {@link #publish} never throws for a subscriber's fault, and a subscriber's
 * exception never reaches another subscriber.
 */
public interface SessionNotifier {

    /**
     * Sends {@code notice} to every subscriber of its user, wherever they are connected.
     *
     * @param notice the notice
     */
    void publish(SessionNotice notice);

    /**
     * Subscribes to the notices of {@code userId} until the returned handle is closed.
     *
     * @param userId the user's id
     * @param subscriber the subscriber
     * @return the subscription
     */
    Subscription subscribe(String userId, Consumer<SessionNotice> subscriber);

    /**
     * Sends a sign-in notice to every subscriber of its user, wherever they are connected: an
     * optional capability, a no-op by default (a notifier without it carries logout notices only).
     *
     * @param notice the sign-in
     */
    default void publishSignIn(SignInNotice notice) {
    }

    /**
     * Subscribes to the sign-in notices of {@code userId} until the returned handle is closed;
     * by default nothing is ever delivered.
     *
     * @param userId     whose sign-ins
     * @param subscriber called for each, on a thread of the notifier's choosing
     * @return the subscription
     */
    default Subscription subscribeSignIns(String userId, Consumer<SignInNotice> subscriber) {
        return () -> { };
    }

    /** An open subscription. Closing twice is harmless. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        /** Stops delivery. */
        @Override
        void close();
    }
}
