package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.event.LogoutEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a logout did on the server and what the adapter must now tell the client. The client
 * instructions are the same whether or not every server-side step succeeded: a failure is in
 * {@link #failedSteps()} and the log, never in the response.
 *
 * @param event          the event published to the listeners
 * @param failedSteps    every server-side step that failed, the listeners included; empty on success
 * @param setCookies     {@code Set-Cookie} values that delete the client's credentials (empty when
 *                       the current session was kept)
 * @param clearSiteData  the {@code Clear-Site-Data} directives to send (empty when kept)
 * @param redirectTo     the same-site path to send the browser to
 * @param replacement    the current session under a new id, when it was kept and rotated: the
 *                       adapter sets its cookie
 */
public record LogoutOutcome(LogoutEvent event, List<String> failedSteps, List<String> setCookies,
                            Set<ClearSiteData> clearSiteData, String redirectTo, Optional<NewSession> replacement) {

    /** Checks presence; copies the collections. */
    public LogoutOutcome {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(redirectTo, "redirectTo");
        Objects.requireNonNull(replacement, "replacement");
        failedSteps = List.copyOf(failedSteps);
        setCookies = List.copyOf(setCookies);
        clearSiteData = Set.copyOf(clearSiteData);
    }

    /** Whether every server-side step and every listener succeeded. */
    public boolean succeeded() {
        return failedSteps.isEmpty();
    }

    /** Whether the client's credentials are to be deleted (false when its session was kept). */
    public boolean clearsClient() {
        return !setCookies.isEmpty();
    }
}
