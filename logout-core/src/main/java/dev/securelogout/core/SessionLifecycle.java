package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.event.SignInNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.token.PersistentToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's life before its logout: start, check on every request (recording activity), list,
 * rotate. Immutable and thread-safe.
 */
final class SessionLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutEngine.class);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Settings settings;

    SessionLifecycle(Settings settings) {
        this.settings = settings;
    }

    /** A session just started and the sessions the user's session limit evicted for it. */
    record Started(NewSession session, List<Session> evicted) {
    }

    /**
     * Starts a session for a new device under the configured session limit, from the identity
     * provider's session {@code provider} when the user signed in through one.
     *
     * @throws SessionLimitReachedException when the limit refuses it
     */
    Started start(String userId, Device device, Optional<ProviderSession> provider) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(device, "device");
        Credential id = settings.hmac().newCredential(userId, settings.random());
        Instant now = settings.clock().instant();
        Session plain = new Session(id.key(), newHandle(), userId, now, now, now.plus(settings.absoluteTimeout()),
                settings.idleTimeout(), device);
        Session session = provider.map(plain::withProvider).orElse(plain);
        Registration registration = settings.sessions().register(session, settings.sessionLimit());
        if (!registration.accepted()) {
            throw new SessionLimitReachedException();
        }
        audit(session, false, registration.evicted().size());
        return new Started(new NewSession(id, session), registration.evicted());
    }

    /** Tells the user's live clients of the new session {@code session}; best effort, never throws. */
    void announce(Session session) {
        try {
            settings.notifier().publishSignIn(SignInNotice.of(session.userId(), session.handle(), session.device()));
        } catch (RuntimeException e) {
            LOG.warn("sign-in notice not sent: {}", e.toString());
        }
    }

    /** The sign-in's audit line, through the default audit listener when the engine has it. */
    private void audit(Session session, boolean restored, int evicted) {
        for (LogoutListener listener : settings.listeners()) {
            if (listener instanceof AuditLogListener audit) {
                audit.onLogin(session, settings.hmac().auditDigest(session.key()), restored, evicted);
            }
        }
    }

    /**
     * Starts a session on the device of the remember-me series {@code token}: it keeps the device's
     * handle, and its authentication is the series' lineage start, not now (a restore is no proof
     * of who the user is).
     */
    NewSession restore(PersistentToken token, Device device) {
        Credential id = settings.hmac().newCredential(token.userId(), settings.random());
        Instant now = settings.clock().instant();
        Session session = new Session(id.key(), token.familyId(), token.userId(), now, now,
                now.plus(settings.absoluteTimeout()), settings.idleTimeout(), device)
                .withAuthenticatedAt(token.familyIssuedAt());
        settings.sessions().register(session, SessionLimit.NONE);
        audit(session, true, 0);
        return new NewSession(id, session);
    }

    /** Whether the session with this raw id is alive, recording activity from {@code ip} when given; never throws. */
    SessionCheck check(String sessionId, Optional<String> ip) {
        Optional<Credential> id = Credential.parse(sessionId);
        if (id.isEmpty()) {
            return SessionCheck.of(SessionCheck.Status.INVALID);
        }
        try {
            // the one clock read, the store checks the deadline at it; to the millisecond, as stores keep time
            // (Clock.millis is the cheaper read of the system clock, and a read costs as much as the lookup)
            Instant now = Instant.ofEpochMilli(settings.clock().millis());
            Optional<Session> found = settings.sessions().find(id.get().key(), now);
            if (found.isEmpty()) {
                return SessionCheck.of(SessionCheck.Status.INVALID);
            }
            Session session = found.get();
            String seenFrom = ip.isPresent() ? session.touchedAt(now, ip.get()).lastSeenIp() : session.lastSeenIp();
            if (atLeast(session.lastActiveAt(), now, settings.touchInterval()) || !seenFrom.equals(session.lastSeenIp())) {
                if (!settings.sessions().touch(session.key(), now, seenFrom)) {
                    return SessionCheck.of(SessionCheck.Status.INVALID);
                }
                return SessionCheck.active(Optional.of(session.touchedAt(now, seenFrom)));
            }
            return SessionCheck.active(found);
        } catch (RuntimeException e) {
            LOG.debug("session check unavailable: {}", e.toString()); // the store outage log says it once
            return SessionCheck.of(SessionCheck.Status.UNAVAILABLE);
        }
    }

    /**
     * Whether at least {@code interval} passed from {@code from} to {@code to}: {@code
     * Duration.between(from, to).compareTo(interval) >= 0} without building a {@code Duration} on
     * every request.
     */
    static boolean atLeast(Instant from, Instant to, Duration interval) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        int nanos = to.getNano() - from.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        return seconds != interval.getSeconds() ? seconds > interval.getSeconds() : nanos >= interval.getNano();
    }

    /** The active sessions of {@code userId}, most recently active first. */
    List<Session> list(String userId) {
        List<Session> list = new ArrayList<>(settings.sessions().findByUser(userId));
        Instant now = settings.clock().instant();
        list.removeIf(s -> !s.isActiveAt(now));
        list.sort(Comparator.comparing(Session::lastActiveAt).reversed().thenComparing(Session::handle));
        return List.copyOf(list);
    }

    /** {@code current} under a new id, the old id deleted. */
    NewSession rotate(Session current) {
        Credential id = settings.hmac().newCredential(current.userId(), settings.random());
        Session rotated = current.withKey(id.key());
        settings.sessions().register(rotated, SessionLimit.NONE);
        settings.sessions().delete(current.key());
        return new NewSession(id, rotated);
    }

    /** A fresh random handle: a device's public name, or a token family's. */
    String newHandle() {
        byte[] bytes = new byte[16];
        settings.random().nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
