package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

class AuditLogListenerTest {

    @Test
    @DisplayName("quotes and control characters in values cannot forge a field or a line")
    void valuesAreEscaped() {
        LogoutEvent event = new LogoutEvent(Instant.parse("2026-01-01T00:00:00Z"), LogoutReason.ADMIN,
                LogoutScope.ALL_SESSIONS, Optional.of("bob\" outcome=SUCCESS\nlogout reason=USER_LOGOUT"),
                Optional.empty(), 2, 3, "::1", "ua\\\"", Set.of(LogoutStep.SESSION_STORE));
        assertEquals("logout reason=ADMIN scope=ALL_SESSIONS outcome=FAILED"
                + " user=\"bob\\\" outcome=SUCCESS?logout reason=USER_LOGOUT\" session=- sessions=2 tokens=3"
                + " ip=\"::1\" ua=\"ua\\\\\\\"\" failed=[SESSION_STORE] at=2026-01-01T00:00:00Z",
                AuditLogListener.format(event));
    }

    @Test
    @DisplayName("the audit line carries its fields as SLF4J key-values too, cleaned of control characters, for JSON encoders")
    void fieldsAreKeyValues() {
        RecordingLogger log = new RecordingLogger();
        LogoutEvent event = new LogoutEvent(Instant.parse("2026-01-01T00:00:00Z"), LogoutReason.USER_LOGOUT,
                LogoutScope.SESSION, Optional.of("alice"), Optional.empty(), 1, 2, "192.0.2.1", "curl\r\nforged=1",
                Set.of());
        new AuditLogListener(log).onLogout(event);

        LoggingEvent line = log.events.get(0);
        assertEquals(Level.INFO, line.getLevel());
        assertEquals(AuditLogListener.format(event), line.getMessage());
        Map<String, Object> fields = new LinkedHashMap<>();
        line.getKeyValuePairs().forEach(kv -> fields.put(kv.key, kv.value));
        assertEquals(List.of("reason", "scope", "outcome", "user", "session", "sessions", "tokens", "ip", "ua", "failed", "at"),
                List.copyOf(fields.keySet()));
        assertEquals(LogoutReason.USER_LOGOUT, fields.get("reason"));
        assertEquals("SUCCESS", fields.get("outcome"));
        assertEquals("alice", fields.get("user"));
        assertEquals(2, fields.get("tokens"));
        assertEquals("curl??forged=1", fields.get("ua"));
        assertEquals("2026-01-01T00:00:00Z", fields.get("at"));
    }

    /** A logger that keeps the events the fluent API hands it. */
    private static final class RecordingLogger extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;
        final transient List<LoggingEvent> events = new ArrayList<>();

        @Override
        public void log(LoggingEvent event) {
            events.add(event);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                                   Throwable throwable) {
            throw new AssertionError("the audit line goes through the fluent API");
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
