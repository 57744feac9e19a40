package dev.securelogout.core;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.LogoutListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The default {@link LogoutListener}: one structured audit line per event through SLF4J, under
 * the logger {@value #LOGGER_NAME} so that it can be routed apart from the application's logs.
 * INFO when every step succeeded, WARN otherwise. Values are quoted and stripped of control
 * characters, so a hostile User-Agent or user id cannot forge a line. Thread-safe.
 *
 * <p>Example: {@code logout reason=USER_LOGOUT scope=SESSION outcome=SUCCESS user="alice"
 * session=Jx3...  sessions=1 tokens=2 ip="127.0.0.1" ua="Mozilla/5.0 ..." failed=[] at=...}; an
 * administrator's action adds {@code admin="ops-1" adminReason="..."} before {@code at}.
 */
final class AuditLogListener implements LogoutListener {

    /** The logger audit lines go to. */
    static final String LOGGER_NAME = "dev.securelogout.audit";

    private final Logger log;

    /** Writes to {@value #LOGGER_NAME}. */
    AuditLogListener() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    AuditLogListener(Logger log) {
        this.log = log;
    }

    /**
     * Logs the line, with each of its fields also as an SLF4J 2 key-value (same names, values
     * unquoted, at most 256 characters, control characters replaced), so that a JSON encoder writes fields, not one string.
     */
    @Override
    public void onLogout(LogoutEvent event) {
        LoggingEventBuilder line = event.succeeded() ? log.atInfo() : log.atWarn();
        line.addKeyValue("reason", event.reason())
                .addKeyValue("scope", event.scope())
                .addKeyValue("outcome", event.succeeded() ? "SUCCESS" : "FAILED")
                .addKeyValue("user", clip(event.userId().orElse("")))
                .addKeyValue("session", event.sessionDigest().orElse("-"))
                .addKeyValue("sessions", event.sessionsEnded())
                .addKeyValue("tokens", event.tokensRevoked())
                .addKeyValue("ip", clip(event.ip()))
                .addKeyValue("ua", clip(event.userAgent()))
                .addKeyValue("failed", event.failedSteps().stream().map(Enum::name).toList());
        event.admin().ifPresent(a -> line.addKeyValue("admin", clip(a.adminId())).addKeyValue("adminReason", clip(a.reason())));
        line.addKeyValue("at", event.at().toString()).log(format(event));
    }

    /** {@code value}'s first 256 code points, control and line-separator characters replaced by '?'. */
    private static String clip(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().limit(256).forEach(c -> out.appendCodePoint(isControl(c) ? '?' : c));
        return out.toString();
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
    }

    /**
     * Writes the INFO audit line of a sign-in, so that the audit log records logins as well as
     * logouts: {@code login kind=NEW_DEVICE|REMEMBER_ME user=... session=<digest> evicted=N ip=...
     * ua=... at=...}, the session digest the same as in the line of its later logout.
     */
    void onLogin(Session session, String sessionDigest, boolean restored, int evicted) {
        log.info("login kind=" + (restored ? "REMEMBER_ME" : "NEW_DEVICE")
                + " user=" + quote(session.userId())
                + " session=" + sessionDigest
                + " evicted=" + evicted
                + " ip=" + quote(session.device().ip())
                + " ua=" + quote(session.device().userAgent())
                + " at=" + session.createdAt());
    }

    /** The audit line for {@code event}. */
    static String format(LogoutEvent event) {
        return "logout reason=" + event.reason()
                + " scope=" + event.scope()
                + " outcome=" + (event.succeeded() ? "SUCCESS" : "FAILED")
                + " user=" + quote(event.userId().orElse(""))
                + " session=" + event.sessionDigest().orElse("-")
                + " sessions=" + event.sessionsEnded()
                + " tokens=" + event.tokensRevoked()
                + " ip=" + quote(event.ip())
                + " ua=" + quote(event.userAgent())
                + " failed=" + event.failedSteps()
                + event.admin().map(a -> " admin=" + quote(a.adminId()) + " adminReason=" + quote(a.reason())).orElse("")
                + " at=" + event.at();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().limit(256).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (isControl(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
