/**
 * What stores and extensions implement (what adapters call is in {@code dev.securelogout.core}):
 * {@link dev.securelogout.core.spi.SessionStore},
 * {@link dev.securelogout.core.spi.PersistentTokenStore},
 * {@link dev.securelogout.core.spi.AccessTokenDenylist},
 * {@link dev.securelogout.core.spi.TokenVersionStore},
 * {@link dev.securelogout.core.spi.SessionNotifier}, {@link dev.securelogout.core.spi.LogoutListener},
 * {@link dev.securelogout.core.spi.CookieClearer} and the application's
 * {@link dev.securelogout.core.spi.AccessTokenVerifier}: interfaces, and the one failure. Every
 * store method throws {@link dev.securelogout.core.spi.StoreException}, and only that, when its backend fails.
 * Prove an implementation with the matching contract suite of {@code logout-tck}.
 */
@NullMarked
package dev.securelogout.core.spi;

import org.jspecify.annotations.NullMarked;
