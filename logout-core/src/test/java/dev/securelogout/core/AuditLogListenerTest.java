package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import java.time.Instant;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
