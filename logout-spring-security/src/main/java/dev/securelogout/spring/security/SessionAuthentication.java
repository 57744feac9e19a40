package dev.securelogout.spring.security;

import dev.securelogout.core.session.Session;
import java.io.Serial;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An authentication that rests on an active session of the library's store: the principal is the
 * session's user id, the details the {@link Session} itself. Built per request from the store's
 * record (no user lookup). Immutable.
 */
public final class SessionAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The user whose session this is. */
    private final String userId;
    private final transient Session session;

    /**
     * The authentication of {@code session}, with {@code authorities}.
     *
     * @param session the session
     * @param authorities the authorities
     */
    public SessionAuthentication(Session session, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.session = session;
        this.userId = session.userId();
        super.setAuthenticated(true);
    }

    /**
     * The active session this authentication rests on.
     *
     * @return the active session this authentication rests on
     */
    public Session session() {
        return session;
    }

    /** None: the session id stays in its cookie. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    /** The user id. */
    @Override
    public Object getPrincipal() {
        return userId;
    }

    @Override
    public Object getDetails() {
        return session;
    }
}
