package dev.securelogout.servlet;

import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.event.SignInNotice;
import dev.securelogout.core.session.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The open Server-Sent Events streams of this node ({@link SessionEventsServlet}): each belongs to
 * one session and ends with {@code event: logout} when a {@link dev.securelogout.core.event.SessionNotice}
 * of the notifier ends that session. A sign-in of the same user on another device
 * ({@link SessionNotifier#subscribeSignIns}) sends {@code event: signin} with
 * {@code {"browser", "os", "ip"}} to the streams of the user's other sessions.
 *
 * <p>Bounded: at most {@code perSession} streams per session and {@code perUser} per user are
 * open; opening one more closes the oldest first, with {@code event: superseded} so that the
 * browser does not reconnect (the page's other tabs still hear of a logout from the newest one
 * through {@code BroadcastChannel}). A comment every {@link #HEARTBEAT} keeps proxies from closing
 * idle streams and finds clients that left. Thread-safe; {@link #close()} ends every stream.
 */
public final class SessionEventStreams implements AutoCloseable {

    /** The interval of heartbeat comments. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Default bound of the streams of one session (the tabs of one browser profile). */
    public static final int DEFAULT_PER_SESSION = 4;
    /** Default bound of the streams of one user, all sessions together. */
    public static final int DEFAULT_PER_USER = 16;

    private final SessionNotifier notifier;
    private final int perSession;
    private final int perUser;
    /** Per user, oldest first; guarded by {@code this}. */
    private final Map<String, Deque<Stream>> byUser = new HashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Streams that listen to {@code notifier}, with the default bounds.
     *
     * @param notifier the session notifier
     */
    public SessionEventStreams(SessionNotifier notifier) {
        this(notifier, DEFAULT_PER_SESSION, DEFAULT_PER_USER);
    }

    /**
     * Streams that listen to {@code notifier}, at most {@code perSession} per session and
     * {@code perUser} per user.
     *
     * @param notifier the session notifier
     * @param perSession the per session
     * @param perUser the per user
     * @throws IllegalArgumentException when a bound is below 1 or {@code perUser < perSession}
     */
    public SessionEventStreams(SessionNotifier notifier, int perSession, int perUser) {
        if (perSession < 1 || perUser < perSession) {
            throw new IllegalArgumentException("need 1 <= perSession <= perUser, got " + perSession + ", " + perUser);
        }
        this.notifier = notifier;
        this.perSession = perSession;
        this.perUser = perUser;
        heartbeat.scheduleAtFixedRate(() -> snapshot().forEach(s -> s.send(": heartbeat\n\n")),
                HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Opens a stream on {@code async} (started, headers set) for {@code session}, until that session
     * ends, the client leaves, or a newer stream of the session or user supersedes it.
     */
    Stream open(AsyncContext async, Session session) {
        Stream stream = new Stream(async, session.userId(), session.handle());
        List<Stream> superseded = new ArrayList<>();
        synchronized (this) {
            Deque<Stream> streams = byUser.computeIfAbsent(stream.userId, k -> new ArrayDeque<>());
            long ofSession = streams.stream().filter(s -> s.handle.equals(stream.handle)).count();
            for (Iterator<Stream> oldest = streams.iterator(); ofSession >= perSession && oldest.hasNext(); ) {
                Stream s = oldest.next();
                if (s.handle.equals(stream.handle)) {
                    oldest.remove();
                    superseded.add(s);
                    ofSession--;
                }
            }
            while (streams.size() >= perUser) {
                superseded.add(streams.removeFirst());
            }
            streams.addLast(stream);
        }
        superseded.forEach(Stream::supersede);
        async.addListener(stream);
        SessionNotifier.Subscription logouts = notifier.subscribe(stream.userId, notice -> {
            if (notice.ends(stream.handle)) {
                stream.logout();
            }
        });
        SessionNotifier.Subscription signIns = notifier.subscribeSignIns(stream.userId, notice -> {
            if (!notice.handle().equals(stream.handle)) {
                stream.signIn(notice);
            }
        });
        stream.subscription = () -> {
            logouts.close();
            signIns.close();
        };
        stream.send("retry: 3000\n: connected\n\n");
        return stream;
    }

    /**
     * How many streams are open on this node.
     *
     * @return how many streams are open on this node
     */
    public synchronized int size() {
        return byUser.values().stream().mapToInt(Deque::size).sum();
    }

    /**
     * How many streams of {@code userId} are open on this node.
     *
     * @param userId the user's id
     * @return how many streams of {@code userId} are open on this node
     */
    public synchronized int size(String userId) {
        Deque<Stream> streams = byUser.get(userId);
        return streams == null ? 0 : streams.size();
    }

    /** Stops the heartbeat and ends every stream. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        snapshot().forEach(Stream::end);
    }

    private synchronized List<Stream> snapshot() {
        List<Stream> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        return all;
    }

    private synchronized void forget(Stream stream) {
        Deque<Stream> streams = byUser.get(stream.userId);
        if (streams != null && streams.remove(stream) && streams.isEmpty()) {
            byUser.remove(stream.userId);
        }
    }

    /** One client's stream. Writes are serialised; ending twice is harmless. */
    final class Stream implements AsyncListener {
        private final AsyncContext async;
        private final String userId;
        private final String handle;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile SessionNotifier.@Nullable Subscription subscription;

        private Stream(AsyncContext async, String userId, String handle) {
            this.async = async;
            this.userId = userId;
            this.handle = handle;
        }

        /** Tells the client its session ended, then ends the stream. */
        void logout() {
            send("event: logout\ndata: {\"reason\":\"session_ended\"}\n\n");
            end();
        }

        /** Tells the client its user signed in on another device: its browser, OS and address. */
        void signIn(SignInNotice notice) {
            send("event: signin\ndata: {\"browser\":" + Json.string(notice.browser()) + ",\"os\":" + Json.string(notice.os())
                    + ",\"ip\":" + Json.string(notice.ip()) + "}\n\n");
        }

        /** Tells the client a newer stream took its place (it should not reconnect), then ends the stream. */
        void supersede() {
            send("event: superseded\ndata: {}\n\n");
            end();
        }

        synchronized void send(String text) {
            if (ended.get()) {
                return;
            }
            try {
                var out = async.getResponse().getOutputStream();
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | IllegalStateException e) {
                end();
            }
        }

        void end() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            forget(this);
            SessionNotifier.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            try {
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the container ended the request first
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-dispatched
        }
    }
}
