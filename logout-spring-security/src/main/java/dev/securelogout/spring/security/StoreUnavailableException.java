package dev.securelogout.spring.security;

import java.io.Serial;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The session store could not answer, so whether the request is authenticated is unknown. The
 * entry point and the login failure handler answer it with 503 and {@code Retry-After}, never with
 * a redirect to the login page that a client would read as a logout.
 */
public final class StoreUnavailableException extends AuthenticationServiceException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * With {@code cause}, whose message is never shown to a client.
     *
     * @param cause the cause
     */
    public StoreUnavailableException(Throwable cause) {
        super("the session store could not answer", cause);
    }

    /** Without a cause: the engine reported the store unavailable. */
    public StoreUnavailableException() {
        super("the session store could not answer");
    }

    /** Whether {@code e} or one of its causes is a {@link StoreUnavailableException}. */
    static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
