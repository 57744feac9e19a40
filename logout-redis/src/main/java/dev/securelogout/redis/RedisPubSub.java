package dev.securelogout.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One node's subscription to the library's Redis channels ({@code <prefix>:invalidate} and
 * {@code <prefix>:notice}), shared by the {@link RedisNearCache} and the
 * {@link RedisSessionNotifier} of that node. A daemon thread holds one connection of the given
 * client for as long as it runs: give it a client of its own, not the stores' (a subscribed
 * connection must never go back to a pool the stores borrow from). When the connection drops it
 * reconnects after a delay, and every listener hears of the loss and of the new connection (the
 * near cache flushes on both).
 *
 * <p>Start with {@link #start}, stop with {@link #close}. Thread-safe; listeners run on the
 * subscription thread and must be quick; a listener's exception is logged and does not reach the
 * others.
 */
public final class RedisPubSub implements AutoCloseable {

    /** How long to wait before reconnecting when not configured. */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(RedisPubSub.class);

    /** What the subscription tells the node's components. */
    @FunctionalInterface
    interface Listener {
        void onMessage(String channel, String message);

        /** The subscription is (again) in place: messages from now on arrive. */
        default void onConnected() {
        }

        /** The subscription is lost: messages are being missed until {@link #onConnected()}. */
        default void onDisconnected() {
        }
    }

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final Duration reconnectDelay;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private final Thread thread;
    /** The subscriber of the current connection: a new one per connection, so none outlives its connection. */
    private volatile @Nullable Subscriber subscriber;
    private volatile boolean connected;
    private volatile boolean closed;
    /** Whether the loss of the subscription was logged and its return not yet: one WARN and one INFO per outage. */
    private volatile boolean lossLogged;

    private RedisPubSub(UnifiedJedis jedis, String prefix, Duration reconnectDelay) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        if (reconnectDelay.isNegative()) {
            throw new IllegalArgumentException("reconnectDelay must not be negative");
        }
        this.thread = new Thread(this::run, "securelogout-redis-pubsub-" + prefix);
        this.thread.setDaemon(true);
    }

    /**
     * Subscribes, reconnecting after {@link #DEFAULT_RECONNECT_DELAY}.
     *
     * @param jedis  a client of its own, owned by the caller
     * @param prefix the key prefix of the stores, which names the channels
     * @return the running subscription
     */
    public static RedisPubSub start(UnifiedJedis jedis, String prefix) {
        return start(jedis, prefix, DEFAULT_RECONNECT_DELAY);
    }

    /**
     * Subscribes.
     *
     * @param jedis          a client of its own, owned by the caller
     * @param prefix         the key prefix of the stores, which names the channels
     * @param reconnectDelay the wait before reconnecting after a lost connection
     * @return the running subscription
     */
    public static RedisPubSub start(UnifiedJedis jedis, String prefix, Duration reconnectDelay) {
        RedisPubSub pubSub = new RedisPubSub(jedis, prefix, reconnectDelay);
        pubSub.thread.start();
        return pubSub;
    }

    /**
     * Whether the subscription is in place.
     *
     * @return true while messages arrive
     */
    public boolean isConnected() {
        return connected;
    }

    /**
     * How many times the subscription was established.
     *
     * @return the connections since start (1 after the first)
     */
    public long connections() {
        return connections.get();
    }

    UnifiedJedis jedis() {
        return jedis;
    }

    RedisKeys keys() {
        return keys;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void run() {
        while (!closed) {
            Subscriber current = new Subscriber();
            subscriber = current;
            try {
                jedis.subscribe(current, keys.invalidationChannel(), keys.noticeChannel());
            } catch (JedisException | IllegalStateException e) {
                if (!closed && !lossLogged) {
                    lossLogged = true;
                    LOG.warn("Redis subscription lost, reconnecting every {} ms: {}", reconnectDelay.toMillis(), e.toString());
                } else if (!closed) {
                    LOG.debug("Redis subscription still lost: {}", e.toString());
                }
            }
            if (connected) {
                connected = false;
                each(Listener::onDisconnected);
            }
            if (!closed) {
                try {
                    Thread.sleep(reconnectDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void each(Consumer<Listener> call) {
        for (Listener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("a Redis subscription listener failed: {}", e.toString());
            }
        }
    }

    /** Unsubscribes and stops the thread; the client stays open (it is the caller's). Idempotent. */
    @Override
    public void close() {
        closed = true;
        Subscriber current = subscriber;
        try {
            if (current != null && connected && current.isSubscribed()) {
                current.unsubscribe();
            }
        } catch (JedisException e) {
            LOG.debug("unsubscribe failed: {}", e.toString());
        }
        if (!connected) {
            thread.interrupt(); // waiting to reconnect
        }
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (closed) {
                unsubscribe();
            } else if (subscribedChannels == 2) {
                connected = true;
                if (lossLogged) {
                    lossLogged = false;
                    LOG.info("Redis subscription re-established");
                }
                connections.incrementAndGet();
                each(Listener::onConnected);
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            each(listener -> listener.onMessage(channel, message));
        }
    }
}
