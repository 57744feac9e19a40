package dev.securelogout.tck;

import static dev.securelogout.tck.Users.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.event.SignInNotice;
import dev.securelogout.core.spi.SessionNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionNotifier} must do. Extend it with {@link #createNotifier()}; a
 * distributed notifier also overrides {@link #createPeer()} so that notices cross from one node to
 * the other. Delivery may be asynchronous: the tests wait up to {@link #DELIVERY_TIMEOUT_SECONDS}
 * seconds, and prove that something did not arrive by a later notice arriving first.
 */
public abstract class SessionNotifierContract {

    /** For subclasses, one per implementation under test. */
    protected SessionNotifierContract() {
    }

    /** How long a notice may take to arrive. */
    protected static final long DELIVERY_TIMEOUT_SECONDS = 5;

    private final List<SessionNotifier.Subscription> subscriptions = new ArrayList<>();
    private SessionNotifier subscriberSide;
    private SessionNotifier publisherSide;

    /**
     * A fresh notifier: the node the tests subscribe on.
     *
     * @return a fresh notifier
     */
    protected abstract SessionNotifier createNotifier();

    /**
     * The node the tests publish on; the same notifier by default.
     *
     * @return the node the tests publish on
     */
    protected SessionNotifier createPeer() {
        return subscriberSide;
    }

    /**
     * Releases what the notifiers hold (connections, threads); nothing by default.
     *
     * @param notifier the session notifier
     */
    protected void close(SessionNotifier notifier) {
    }

    @BeforeEach
    void createNotifiers() {
        subscriberSide = createNotifier();
        publisherSide = createPeer();
    }

    @AfterEach
    void closeNotifiers() {
        subscriptions.forEach(SessionNotifier.Subscription::close);
        if (publisherSide != subscriberSide) {
            close(publisherSide);
        }
        close(subscriberSide);
    }

    private SessionNotifier.Subscription subscribe(String user, Consumer<SessionNotice> subscriber) {
        SessionNotifier.Subscription subscription = subscriberSide.subscribe(user, subscriber);
        subscriptions.add(subscription);
        return subscription;
    }


    private static SessionNotice allOf(String user) {
        return new SessionNotice(user, LogoutReason.LOGOUT_EVERYWHERE, LogoutScope.ALL_SESSIONS, Optional.empty());
    }

    private static SessionNotice take(BlockingQueue<SessionNotice> queue) throws InterruptedException {
        return queue.poll(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a subscriber receives its user's notices, intact")
    void subscriberReceivesNotice() throws Exception {
        String user = newUser();
        BlockingQueue<SessionNotice> received = new LinkedBlockingQueue<>();
        subscribe(user, received::add);
        SessionNotice notice = new SessionNotice(user, LogoutReason.REVOKED_BY_USER, LogoutScope.SESSION,
                Optional.of("h4ndle-0123456789abcdef"));
        publisherSide.publish(notice);
        assertEquals(notice, take(received));
    }

    @Test
    @DisplayName("a sign-in notice reaches its user's sign-in subscribers intact, never a logout subscriber or another user's")
    void signInNotice() throws Exception {
        String user = newUser();
        BlockingQueue<SignInNotice> signIns = new LinkedBlockingQueue<>();
        BlockingQueue<SessionNotice> logouts = new LinkedBlockingQueue<>();
        subscriptions.add(subscriberSide.subscribeSignIns(user, signIns::add));
        subscribe(user, logouts::add);
        publisherSide.publishSignIn(new SignInNotice(newUser(), "h4ndle-0123456789abcdef", "Firefox", "Linux", "192.0.2.1"));
        SignInNotice notice = new SignInNotice(user, "h4ndle-0123456789abcdef", "Chrome | \"x\"", "macOS", "2001:db8::1");
        publisherSide.publishSignIn(notice);
        assertEquals(notice, signIns.poll(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        publisherSide.publish(allOf(user));
        assertEquals(allOf(user), take(logouts), "the logout channel still works, and carried no sign-in before it");
        assertNull(signIns.poll());
    }

    @Test
    @DisplayName("a subscriber never receives another user's notices")
    void otherUsersNoticesStayAway() throws Exception {
        String user = newUser();
        BlockingQueue<SessionNotice> received = new LinkedBlockingQueue<>();
        subscribe(user, received::add);
        publisherSide.publish(allOf(newUser()));
        SessionNotice own = allOf(user);
        publisherSide.publish(own);
        assertEquals(own, take(received));
        assertNull(received.poll());
    }

    @Test
    @DisplayName("a closed subscription receives nothing more")
    void closedSubscriptionIsSilent() throws Exception {
        String user = newUser();
        BlockingQueue<SessionNotice> closed = new LinkedBlockingQueue<>();
        BlockingQueue<SessionNotice> open = new LinkedBlockingQueue<>();
        SessionNotifier.Subscription subscription = subscribe(user, closed::add);
        subscribe(user, open::add);
        subscription.close();
        subscription.close();
        publisherSide.publish(allOf(user));
        assertEquals(allOf(user), take(open));
        assertNull(closed.poll());
    }

    @Test
    @DisplayName("a failing subscriber does not keep a notice from the others")
    void failingSubscriberIsIsolated() throws Exception {
        String user = newUser();
        BlockingQueue<SessionNotice> received = new LinkedBlockingQueue<>();
        subscribe(user, n -> {
            throw new IllegalStateException("subscriber bug");
        });
        subscribe(user, received::add);
        publisherSide.publish(allOf(user));
        assertEquals(allOf(user), take(received));
    }
}
