package dev.securelogout.examples.events;

import dev.securelogout.core.spi.SessionNotifier;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open Server-Sent Events streams of this node: each belongs to one session and ends with an
 * {@code event: logout} when a {@link dev.securelogout.core.event.SessionNotice} ends that
 * session. A comment line every {@link #HEARTBEAT} keeps proxies from closing idle streams and
 * finds clients that left. Thread-safe; {@link #close()} ends every stream.
 */
public final class EventStreams implements AutoCloseable {

    /** The interval of heartbeat comments. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts the heartbeat. */
    public EventStreams() {
        heartbeat.scheduleAtFixedRate(() -> open.forEach(s -> s.send(": heartbeat\n\n")),
                HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Opens a stream on {@code async} (already started, headers set) for the session
     * {@code handle} of {@code userId}, until that session is ended or the client leaves.
     */
    Stream open(AsyncContext async, SessionNotifier notifier, String userId, String handle) {
        Stream stream = new Stream(async);
        open.add(stream);
        async.addListener(stream);
        stream.subscription = notifier.subscribe(userId, notice -> {
            if (notice.ends(handle)) {
                stream.logout();
            }
        });
        stream.send("retry: 3000\n: connected\n\n");
        return stream;
    }

    /** How many streams are open on this node. */
    public int size() {
        return open.size();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        open.forEach(Stream::end);
    }

    /** One client's stream. Writes are serialised; ending twice is harmless. */
    final class Stream implements AsyncListener {
        private final AsyncContext async;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile SessionNotifier.Subscription subscription;

        private Stream(AsyncContext async) {
            this.async = async;
        }

        /** Tells the client its session ended, then ends the stream. */
        void logout() {
            send("event: logout\ndata: {\"reason\":\"session_ended\"}\n\n");
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
            open.remove(this);
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
