/**
 * What a logout tells the world: the {@link dev.securelogout.core.event.LogoutEvent} for audit
 * (with the {@link dev.securelogout.core.event.LogoutStep}s that failed), and the
 * {@link dev.securelogout.core.event.SessionNotice} for the user's other live clients.
 */
@NullMarked
package dev.securelogout.core.event;

import org.jspecify.annotations.NullMarked;
