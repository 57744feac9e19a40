/**
 * The token model: refresh and remember-me tokens with their rotation families, access-token
 * claims and ids, and per-user token states. The stores that keep them are in
 * {@code dev.securelogout.core.spi}.
 */
@NullMarked
package dev.securelogout.core.token;

import org.jspecify.annotations.NullMarked;
