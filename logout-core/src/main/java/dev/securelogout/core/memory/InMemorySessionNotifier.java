package dev.securelogout.core.memory;

import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.event.SignInNotice;
import dev.securelogout.core.spi.SessionNotifier;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link SessionNotifier}: delivers on this node only, synchronously on the
 * publishing thread. A distributed notifier can use one as its local fan-out. Thread-safe.
 */
final class InMemorySessionNotifier implements SessionNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionNotifier.class);

    private final ConcurrentHashMap<String, List<Consumer<SessionNotice>>> subscribers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Consumer<SignInNotice>>> signInSubscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(SessionNotice notice) {
        deliver(subscribers, notice.userId(), notice);
    }

    @Override
    public Subscription subscribe(String userId, Consumer<SessionNotice> subscriber) {
        return add(subscribers, userId, subscriber);
    }

    @Override
    public void publishSignIn(SignInNotice notice) {
        deliver(signInSubscribers, notice.userId(), notice);
    }

    @Override
    public Subscription subscribeSignIns(String userId, Consumer<SignInNotice> subscriber) {
        return add(signInSubscribers, userId, subscriber);
    }

    private static <T> void deliver(ConcurrentHashMap<String, List<Consumer<T>>> map, String userId, T notice) {
        for (Consumer<T> subscriber : map.getOrDefault(userId, List.of())) {
            try {
                subscriber.accept(notice);
            } catch (RuntimeException e) {
                LOG.warn("a session notice subscriber failed: {}", e.toString());
            }
        }
    }

    private static <T> Subscription add(ConcurrentHashMap<String, List<Consumer<T>>> map, String userId, Consumer<T> subscriber) {
        map.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> map.computeIfPresent(userId, (user, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }
}
