package dev.securelogout.core;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.LogoutListener;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phases after a logout's server-side steps: tell the user's live clients
 * ({@code SessionNotifier}), publish the event to every listener, log what failed in one line,
 * and describe what the client must do. Each is a guarded step: a throwing notifier, listener or
 * cookie clearer is named in the outcome and skips nothing. Immutable and thread-safe.
 */
final class LogoutChain {

    /** The engine's logger, so that the one ERROR line of an incomplete logout keeps its name. */
    private static final Logger LOG = LoggerFactory.getLogger(LogoutEngine.class);

    /**
     * What one logout did, for its event.
     *
     * @param operation     what ran, for the ERROR line
     * @param reason        why
     * @param scope         what it reached
     * @param userId        whose, when known
     * @param presented     the session the client presented, when it did
     * @param sessionsEnded how many active sessions ended
     * @param tokensRevoked how many tokens were revoked or denied
     * @param client        who asked
     * @param notice        what to tell the user's live clients, if anything
     * @param admin         the administrator, when one acted
     */
    record Report(String operation, LogoutReason reason, LogoutScope scope, Optional<String> userId,
                  Optional<CredentialKey> presented, int sessionsEnded, int tokensRevoked, Device client,
                  Optional<SessionNotice> notice, Optional<LogoutEvent.Admin> admin) {
    }

    /** What the client does afterwards. */
    enum Client {
        /** Drops every credential: the logout instructions. */
        CLEARED,
        /** Keeps its session: nothing to delete. */
        KEPT
    }

    private final Settings settings;

    LogoutChain(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs the phases after {@code steps}' server-side steps; never throws. A kept client with a
     * {@code replacement} gets its new session cookie in the instructions.
     */
    LogoutOutcome finish(Steps steps, Report report, Client client, Optional<NewSession> replacement) {
        report.notice().ifPresent(n -> steps.run(LogoutStep.NOTIFIER, () -> settings.notifier().publish(n)));
        ClientInstructions instructions = client == Client.CLEARED ? settings.cleanup().instructions(steps)
                : replacement.map(settings.cleanup()::rotated).orElse(settings.cleanup().keeping());
        Instant at = settings.clock().instant();
        LogoutEvent event = event(report, steps, at);
        for (LogoutListener listener : settings.listeners()) {
            steps.run(LogoutStep.LISTENER, () -> listener.onLogout(event));
        }
        steps.report(LOG, report.operation());
        LogoutOutcome outcome = new LogoutOutcome(event(report, steps, at), instructions, replacement);
        settings.monitor().logout(outcome.event());
        return outcome;
    }

    /** The event as the steps stand: the listeners see it before their own failures, the outcome after. */
    private LogoutEvent event(Report report, Steps steps, Instant at) {
        return new LogoutEvent(at, report.reason(), report.scope(), report.userId(),
                report.presented().map(settings.hmac()::auditDigest), report.sessionsEnded(), report.tokensRevoked(),
                report.client().ip(), report.client().userAgent(), steps.failed(), report.admin());
    }
}
