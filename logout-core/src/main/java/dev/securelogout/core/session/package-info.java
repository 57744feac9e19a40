/**
 * The session model: a server-side session, the device a person recognises, the provider session
 * it may come from, and the per-user session limit. The store that keeps them is in
 * {@code dev.securelogout.core.spi}.
 */
@NullMarked
package dev.securelogout.core.session;

import org.jspecify.annotations.NullMarked;
