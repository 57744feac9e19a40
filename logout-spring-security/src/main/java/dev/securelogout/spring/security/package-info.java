/**
 * secure-logout as Spring Security extension points: {@link dev.securelogout.spring.security.SecureLogoutConfigurer}
 * ({@code http.with(secureLogout(), c -> ...)}) puts them in a filter chain.
 *
 * <ul>
 * <li>{@link dev.securelogout.spring.security.SessionSecurityContextRepository}: the authentication
 *     comes from the library's session, checked in the store on every request; a login starts one.</li>
 * <li>{@link dev.securelogout.spring.security.StoreSessionRegistry}: Spring's {@code SessionRegistry}
 *     over the store, so that {@code maximumSessions(n)} holds across nodes.</li>
 * <li>logout, the device list, revoke-one, logout everywhere, the bearer guard and RFC 7009 are
 *     logout-servlet's filters, placed in the chain.</li>
 * </ul>
 */
@NullMarked
package dev.securelogout.spring.security;

import org.jspecify.annotations.NullMarked;
