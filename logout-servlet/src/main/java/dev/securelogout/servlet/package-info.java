/**
 * The Jakarta Servlet 6 adapter: filters that turn requests into {@link dev.securelogout.core.LogoutEngine}
 * calls and its outcomes into responses.
 *
 * <ul>
 * <li>{@link dev.securelogout.servlet.LogoutFilter}: the logout endpoint.</li>
 * <li>{@link dev.securelogout.servlet.SessionGuardFilter}: protected paths need an active session.</li>
 * <li>{@link dev.securelogout.servlet.SessionEndpointsFilter}: the session list, revoking one,
 *     logging out everywhere.</li>
 * <li>{@link dev.securelogout.servlet.BearerGuardFilter}: APIs need an unrevoked access token.</li>
 * <li>{@link dev.securelogout.servlet.TokenRevocationFilter}: RFC 7009 token revocation.</li>
 * </ul>
 *
 * Each is configured by one {@link dev.securelogout.servlet.LogoutConfig} (programmatic, or
 * init-params) and finds the engine under {@link dev.securelogout.servlet.SecureLogout#ENGINE_ATTRIBUTE}
 * when the container creates it. Every state change is POST only and refused cross-site; no
 * answer is a 500, a stack trace, or tells whether a session existed.
 */
@NullMarked
package dev.securelogout.servlet;

import org.jspecify.annotations.NullMarked;
