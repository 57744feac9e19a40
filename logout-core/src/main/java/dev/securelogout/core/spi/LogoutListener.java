package dev.securelogout.core.spi;

import dev.securelogout.core.event.LogoutEvent;

/**
 * Receives every {@link LogoutEvent}, after the server-side steps ran. Called on the thread that
 * ran the logout; must be thread-safe and quick. An exception thrown here is caught, logged and
 * recorded in the outcome; it never skips another listener or the client instructions.
 */
@FunctionalInterface
public interface LogoutListener {

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onLogout(LogoutEvent event);
}
