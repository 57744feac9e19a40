/**
 * What adapters call: the {@link dev.securelogout.core.LogoutEngine} facade, the operator's
 * {@link dev.securelogout.core.SessionAdmin}, and the values they exchange (requests, outcomes,
 * client instructions, check results). The engine's parts behind the facade are package-private.
 * What stores and extensions implement is in {@code dev.securelogout.core.spi}.
 */
@NullMarked
package dev.securelogout.core;

import org.jspecify.annotations.NullMarked;
