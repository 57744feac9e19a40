/**
 * What stores and extensions implement: {@link dev.securelogout.core.spi.SessionStore},
 * {@link dev.securelogout.core.spi.PersistentTokenStore},
 * {@link dev.securelogout.core.spi.AccessTokenDenylist},
 * {@link dev.securelogout.core.spi.TokenVersionStore},
 * {@link dev.securelogout.core.spi.SessionNotifier}, {@link dev.securelogout.core.spi.LogoutListener}
 * and the application's {@link dev.securelogout.core.spi.AccessTokenVerifier}. Every store method
 * throws {@link dev.securelogout.core.spi.StoreException}, and only that, when its backend fails.
 * Prove an implementation with the matching contract suite of {@code logout-tck}.
 */
package dev.securelogout.core.spi;
