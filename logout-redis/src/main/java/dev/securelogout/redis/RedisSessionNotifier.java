package dev.securelogout.redis;

import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.event.SignInNotice;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.memory.InMemoryStores;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link SessionNotifier} for many nodes: {@link #publish} sends the notice over Redis pub/sub
 * ({@code <prefix>:notice}), and every node's {@link RedisPubSub} hands it to that node's local
 * subscribers through an in-memory notifier ({@link InMemoryStores#notifier}); the publishing node
 * hears it the same way, so each subscriber gets a notice once. Notices carry the user id
 * (escaped), reason, scope and public session handle, never a credential; sign-in notices
 * ({@link #publishSignIn}) travel on the same channel with the new session's handle and its
 * browser, OS and address.
 *
 * <p>Best effort, at most once: a notice published while a node's subscription is down is lost for
 * that node (the store, not the notice, refuses the ended session). Thread-safe; subscribers run on
 * the subscription thread. {@link #publish} throws {@link dev.securelogout.core.spi.StoreException} when
 * Redis cannot take the message.
 */
public final class RedisSessionNotifier implements SessionNotifier, AutoCloseable {

    /** The first field of a sign-in message; no {@link LogoutReason} is named so, so older nodes drop it. */
    private static final String SIGN_IN = "SIGNIN|";

    private final RedisPubSub pubSub;
    private final SessionNotifier local = InMemoryStores.notifier();
    private final RedisPubSub.Listener listener;

    /**
     * A notifier over a subscription.
     *
     * @param pubSub the node's subscription, whose client and channels it uses
     */
    public RedisSessionNotifier(RedisPubSub pubSub) {
        this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
        String channel = pubSub.keys().noticeChannel();
        this.listener = (from, message) -> {
            if (channel.equals(from)) {
                if (message.startsWith(SIGN_IN)) {
                    decodeSignIn(message).ifPresent(local::publishSignIn);
                } else {
                    decode(message).ifPresent(local::publish);
                }
            }
        };
        pubSub.addListener(listener);
    }

    @Override
    public void publish(SessionNotice notice) {
        Objects.requireNonNull(notice, "notice");
        String message = notice.reason().name() + "|" + notice.scope().name() + "|" + notice.handle().orElse("")
                + "|" + RedisKeys.escape(notice.userId());
        Commands.run("publish a session notice", () -> pubSub.jedis().publish(pubSub.keys().noticeChannel(), message));
    }

    @Override
    public Subscription subscribe(String userId, Consumer<SessionNotice> subscriber) {
        return local.subscribe(userId, subscriber);
    }

    /** Sends the sign-in over the same channel, every field escaped. */
    @Override
    public void publishSignIn(SignInNotice notice) {
        Objects.requireNonNull(notice, "notice");
        String message = SIGN_IN + String.join("|", RedisKeys.escape(notice.userId()), notice.handle(),
                RedisKeys.escape(notice.browser()), RedisKeys.escape(notice.os()), RedisKeys.escape(notice.ip()));
        Commands.run("publish a sign-in notice", () -> pubSub.jedis().publish(pubSub.keys().noticeChannel(), message));
    }

    @Override
    public Subscription subscribeSignIns(String userId, Consumer<SignInNotice> subscriber) {
        return local.subscribeSignIns(userId, subscriber);
    }

    /** Stops listening to {@code pubSub}; local subscriptions get nothing more. */
    @Override
    public void close() {
        pubSub.removeListener(listener);
    }

    /** The sign-in notice in {@code message}, empty for anything malformed. */
    static Optional<SignInNotice> decodeSignIn(String message) {
        String[] parts = message.substring(SIGN_IN.length()).split("\\|", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SignInNotice(RedisKeys.unescape(parts[0]), parts[1], RedisKeys.unescape(parts[2]),
                    RedisKeys.unescape(parts[3]), RedisKeys.unescape(parts[4])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The notice in {@code message}, empty for anything malformed. */
    static Optional<SessionNotice> decode(String message) {
        String[] parts = message.split("\\|", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionNotice(RedisKeys.unescape(parts[3]), LogoutReason.valueOf(parts[0]),
                    LogoutScope.valueOf(parts[1]), parts[2].isEmpty() ? Optional.empty() : Optional.of(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
