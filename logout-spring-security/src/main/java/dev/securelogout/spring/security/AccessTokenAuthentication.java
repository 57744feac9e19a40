package dev.securelogout.spring.security;

import dev.securelogout.core.token.AccessTokenClaims;
import java.io.Serial;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An authentication by a bearer access token that verified and is not revoked: the principal is
 * the token's subject, the details its claims. Immutable.
 */
public final class AccessTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The user the token was issued to. */
    private final String subject;
    private final transient AccessTokenClaims claims;

    /**
     * The authentication of {@code claims}, with {@code authorities}.
     *
     * @param claims the token's claims
     * @param authorities the authorities
     */
    public AccessTokenAuthentication(AccessTokenClaims claims, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.claims = claims;
        this.subject = claims.subject();
        super.setAuthenticated(true);
    }

    /**
     * The verified, unrevoked claims.
     *
     * @return the verified, unrevoked claims
     */
    public AccessTokenClaims claims() {
        return claims;
    }

    /** None: the token stays in its header. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    /** The token's subject. */
    @Override
    public Object getPrincipal() {
        return subject;
    }

    @Override
    public Object getDetails() {
        return claims;
    }
}
