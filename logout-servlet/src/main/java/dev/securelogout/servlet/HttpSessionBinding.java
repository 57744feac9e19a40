package dev.securelogout.servlet;

import dev.securelogout.core.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Ties the container's {@code HttpSession} to the library session it was signed in with: the
 * {@code HttpSession} holds the session's public handle under {@link SecureLogout#BOUND_SESSION_ATTRIBUTE}
 * and is invalidated as soon as a request shows that library session is over (ended here or on
 * another node, expired, replaced by another login). Stateless.
 */
final class HttpSessionBinding {

    private HttpSessionBinding() {
    }

    /** Changes the id of the request's existing {@code HttpSession}, if any, and binds it to {@code session}. */
    static void renewAndBind(HttpServletRequest request, Session session) {
        HttpSession http = existing(request);
        if (http != null) {
            try {
                request.changeSessionId();
                http.setAttribute(SecureLogout.BOUND_SESSION_ATTRIBUTE, session.handle());
            } catch (IllegalStateException e) {
                // invalidated concurrently: nothing left to bind
            }
        }
    }

    /**
     * Brings the request's {@code HttpSession} in line with {@code active}, the library session the
     * request presents (empty when it presents none that is active): a bound {@code HttpSession}
     * of any other session is invalidated; an unbound one is bound to {@code active}.
     */
    static void reconcile(HttpServletRequest request, Optional<Session> active) {
        HttpSession http = existing(request);
        if (http == null) {
            return;
        }
        try {
            Object bound = http.getAttribute(SecureLogout.BOUND_SESSION_ATTRIBUTE);
            if (bound == null) {
                active.ifPresent(s -> http.setAttribute(SecureLogout.BOUND_SESSION_ATTRIBUTE, s.handle()));
            } else if (active.isEmpty() || !active.get().handle().equals(bound)) {
                http.invalidate();
            }
        } catch (IllegalStateException e) {
            // invalidated concurrently: already in line
        }
    }

    private static @Nullable HttpSession existing(HttpServletRequest request) {
        try {
            return request.getSession(false);
        } catch (IllegalStateException e) {
            return null; // no session manager in this context
        }
    }
}
