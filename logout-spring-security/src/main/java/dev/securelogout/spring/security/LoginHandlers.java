package dev.securelogout.spring.security;

import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.LogoutConfig;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The answers of a form login whose session the {@link SessionSecurityContextRepository} started.
 * Stateless.
 */
final class LoginHandlers {

    private LoginHandlers() {
    }

    /** 303 to {@code home} for a browser; 200 {@code {"user": name}} for an API client. */
    static AuthenticationSuccessHandler success(LogoutConfig config, String home) {
        return (request, response, authentication) -> {
            if (AdapterSupport.wantsJson(request, config)) {
                AdapterSupport.json(response, HttpServletResponse.SC_OK, "{\"user\":" + AdapterSupport.jsonString(authentication.getName()) + "}");
            } else {
                AdapterSupport.redirect(request, response, home);
            }
        };
    }

    /** 401 for an API client; 303 to the login path with {@code ?error} for a browser. */
    static AuthenticationFailureHandler refused(LogoutConfig config) {
        return (request, response, exception) -> {
            if (AdapterSupport.wantsJson(request, config)) {
                AdapterSupport.unauthenticated(request, response, config);
            } else {
                AdapterSupport.redirect(request, response, config.loginPath() + "?error");
            }
        };
    }

    /** 503 with {@code Retry-After} when the store could not start the session; {@code refused} otherwise. */
    static AuthenticationFailureHandler failure(LogoutConfig config, AuthenticationFailureHandler refused) {
        return (request, response, exception) -> {
            if (StoreUnavailableException.in(exception)) {
                AdapterSupport.unavailable(response, config);
            } else {
                refused.onAuthenticationFailure(request, response, exception);
            }
        };
    }

}
