/**
 * OpenID Connect relying-party logout: {@link dev.securelogout.oidc.BackChannelLogoutServlet}
 * receives a provider's logout tokens (Back-Channel Logout 1.0, validated by
 * {@link dev.securelogout.oidc.LogoutTokenValidator}) and ends the local sessions they name on
 * every node; {@link dev.securelogout.oidc.OidcLogin} signs users in through the provider
 * (authorization code with PKCE, {@code state} and {@code nonce}) and remembers the provider's
 * session; {@link dev.securelogout.oidc.ProviderLogoutFilter} sends the browser on to the
 * provider's end-session endpoint after a local logout. On the Nimbus libraries; core stays free
 * of them.
 */
@NullMarked
package dev.securelogout.oidc;

import org.jspecify.annotations.NullMarked;
