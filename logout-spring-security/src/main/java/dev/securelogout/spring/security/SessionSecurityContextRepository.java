package dev.securelogout.spring.security;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security's authentication state kept in the library's session store instead of the
 * {@code HttpSession}. Thread-safe.
 *
 * <ul>
 * <li><b>Load</b> (lazily, when something asks who the user is): the session cookie is checked in
 *     the store; an active session becomes a {@link SessionAuthentication} (authorities from the
 *     configured function, no user lookup) and is left on the request under
 *     {@link SecureLogout#SESSION_ATTRIBUTE}, where logout-servlet's endpoints and the
 *     application find it. No cookie, an ended, expired or forged session: an empty context.
 *     A store that cannot answer: {@link StoreUnavailableException}, which the entry point turns
 *     into 503.</li>
 * <li><b>Save</b> of a new login (form login, or any other mechanism that saves its context): a
 *     library session is started under a new id, its cookie written, the container's
 *     {@code HttpSession} id changed when there is one (fixation), and, when the login form
 *     asked for it, a remember-me series issued. A store that cannot answer:
 *     {@link StoreUnavailableException}, so the login fails with 503 and no cookie. Saving the
 *     context of a session already in the store, an anonymous or an empty one changes nothing:
 *     logout goes through the engine, not through here.</li>
 * </ul>
 */
public final class SessionSecurityContextRepository implements SecurityContextRepository {

    private final LogoutEngine engine;
    private final Function<Session, Collection<? extends GrantedAuthority>> authorities;
    private final Optional<String> rememberMeParameter;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param engine              the engine whose store holds the sessions
     * @param authorities         a session's authorities; called per request, so it must not look
     *                            anything up remotely
     * @param rememberMeParameter the login form parameter that asks for a remember-me series
     *                            ({@code on} or {@code true}); empty: never
     */
    public SessionSecurityContextRepository(LogoutEngine engine, Function<Session, Collection<? extends GrantedAuthority>> authorities,
                                            Optional<String> rememberMeParameter) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
        this.rememberMeParameter = Objects.requireNonNull(rememberMeParameter, "rememberMeParameter");
    }

    /** The authentication of an active {@code session}, left on {@code request} for the endpoints. */
    SecurityContext admitted(HttpServletRequest request, Session session) {
        request.setAttribute(SecureLogout.SESSION_ATTRIBUTE, session);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new SessionAuthentication(session, authorities.apply(session)));
        return context;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new Deferred(() -> load(request));
    }

    /** @deprecated Spring Security's older contract; {@link #loadDeferredContext} is used instead. */
    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
        return load(requestResponseHolder.getRequest());
    }

    private SecurityContext load(HttpServletRequest request) {
        Optional<Session> admitted = SecureLogout.session(request);
        if (admitted.isPresent()) {
            return admitted(request, admitted.get());
        }
        Optional<String> id = AdapterSupport.cookie(request, engine.sessionCookie().name());
        if (id.isEmpty()) {
            return holder.createEmptyContext();
        }
        SessionCheck check = engine.check(id.get());
        switch (check.status()) {
            case ACTIVE:
                return admitted(request, check.session().orElseThrow());
            case UNAVAILABLE:
                throw new StoreUnavailableException();
            default:
                return holder.createEmptyContext();
        }
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || trust.isAnonymous(authentication)
                || authentication instanceof SessionAuthentication) {
            return;
        }
        List<String> cookies = new ArrayList<>(2);
        NewSession started;
        try {
            started = engine.startSession(authentication.getName(), AdapterSupport.device(request));
            cookies.add(engine.sessionCookie().setCookie(started.id().value()));
            if (rememberMeRequested(request)) {
                IssuedToken series = engine.issueRememberMe(started.session());
                cookies.add(engine.rememberMeCookie().setCookie(series.token().value(), engine.rememberMeLifetime()));
            }
        } catch (StoreException e) {
            throw new StoreUnavailableException(e);
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        cookies.forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        request.setAttribute(SecureLogout.SESSION_ATTRIBUTE, started.session());
    }

    /**
     * Whether the request was admitted with a session (remember-me included) or sent a session
     * cookie; whether that cookie is still valid is only known by loading.
     */
    @Override
    public boolean containsContext(HttpServletRequest request) {
        return SecureLogout.session(request).isPresent() || AdapterSupport.cookie(request, engine.sessionCookie().name()).isPresent();
    }

    private boolean rememberMeRequested(HttpServletRequest request) {
        return rememberMeParameter.map(request::getParameter)
                .filter(v -> v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true")).isPresent();
    }

    /** Loads once, on first use; a load that threw is tried again. Not thread-safe, like the request it belongs to. */
    private static final class Deferred implements DeferredSecurityContext {
        private final Supplier<SecurityContext> loader;
        private @Nullable SecurityContext context;

        Deferred(Supplier<SecurityContext> loader) {
            this.loader = loader;
        }

        @Override
        public SecurityContext get() {
            if (context == null) {
                context = loader.get();
            }
            return context;
        }

        @Override
        public boolean isGenerated() {
            return get().getAuthentication() == null;
        }
    }
}
