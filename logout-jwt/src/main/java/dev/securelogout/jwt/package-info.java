/**
 * A ready {@link dev.securelogout.core.spi.AccessTokenVerifier} and access-token issuer over
 * Nimbus JOSE+JWT: {@link dev.securelogout.jwt.NimbusAccessTokenVerifier} and
 * {@link dev.securelogout.jwt.JwtIssuer}. A separate module so that core and the servlet adapter
 * never depend on a JWT library.
 */
@NullMarked
package dev.securelogout.jwt;

import org.jspecify.annotations.NullMarked;
