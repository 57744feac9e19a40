package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutStep;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a logout did on the server and what the adapter must now tell the client. The client
 * instructions are the same whether or not every step succeeded: a failure is in
 * {@link #failedSteps()} and the log, never in the instructions.
 *
 * <p><b>Answering.</b> Every adapter decides its status from {@link #serverSideFailed()} alone:
 * when true, something the client asked to end may still be accepted elsewhere for now (this node
 * refuses it and retries), so an API answers 503; otherwise the change is done (204, or 303 to
 * {@link #redirectTo()}). A browser logout clears the client either way.
 *
 * @param event       the event published to the listeners
 * @param client      what the client must do; {@link ClientInstructions#clearsClient()} is false
 *                    when its session was kept
 * @param replacement the current session under a new id, when it was kept and rotated: the
 *                    adapter sets its cookie
 */
public record LogoutOutcome(LogoutEvent event, ClientInstructions client, Optional<NewSession> replacement) {

    /**
     * Checks presence.
     *
     * @param event the event
     * @param client the client
     * @param replacement the replacement
     */
    public LogoutOutcome {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(replacement, "replacement");
    }

    /**
     * Every step that failed, the notifier, listeners and cookie clearer included; empty on success.
     *
     * @return every step that failed, the notifier, listeners and cookie clearer included
     */
    public Set<LogoutStep> failedSteps() {
        return event.failedSteps();
    }

    /**
     * Whether every step succeeded.
     *
     * @return whether every step succeeded
     */
    public boolean succeeded() {
        return event.succeeded();
    }

    /**
     * Whether a server-side step failed: the one predicate adapters answer 503 on.
     *
     * @return whether a server-side step failed
     */
    public boolean serverSideFailed() {
        return event.serverSideFailed();
    }

    /**
     * The {@code Set-Cookie} values to write, as they are: the deletions of the client's
     * credentials; when its session was kept under a new id, that session's cookie; else none.
     *
     * @return the {@code Set-Cookie} values to write, as they are
     */
    public List<String> setCookies() {
        return client.setCookies();
    }

    /**
     * The {@code Clear-Site-Data} directives to send (empty when its session was kept).
     *
     * @return the {@code Clear-Site-Data} directives to send
     */
    public Set<ClearSiteData> clearSiteData() {
        return client.clearSiteData();
    }

    /**
     * The same-site path to send the browser to.
     *
     * @return the same-site path to send the browser to
     */
    public String redirectTo() {
        return client.redirectTo();
    }

    /**
     * Whether the client's credentials are to be deleted (false when its session was kept).
     *
     * @return whether the client's credentials are to be deleted
     */
    public boolean clearsClient() {
        return client.clearsClient();
    }
}
