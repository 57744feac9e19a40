/**
 * Login throttling: {@link dev.securelogout.core.throttle.LoginThrottle} slows repeated failed
 * logins per account and per client address, the same for accounts that exist and that do not.
 * Plain Java over the engine's clock, so that every adapter (servlet, Spring, anything else) uses
 * the same component in front of its own password check.
 */
@NullMarked
package dev.securelogout.core.throttle;

import org.jspecify.annotations.NullMarked;
