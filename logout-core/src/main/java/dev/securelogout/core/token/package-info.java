/**
 * Tokens that outlive a request: refresh and remember-me tokens with rotation and reuse
 * detection, the access-token denylist, per-user token versions, and the
 * {@link dev.securelogout.core.token.TokenRevoker} SPI that keeps them.
 */
package dev.securelogout.core.token;
