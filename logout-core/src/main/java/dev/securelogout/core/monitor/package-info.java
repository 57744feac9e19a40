/**
 * What an operator sees of a running engine: the {@link dev.securelogout.core.monitor.EngineMonitor}
 * the engine reports logouts, checks, pending revocations, store calls and near-cache traffic to
 * (a no-op unless one is set; {@code logout-micrometer} binds it to Micrometer), and the
 * {@link dev.securelogout.core.monitor.EngineHealth} that
 * {@link dev.securelogout.core.LogoutEngine#health()} answers.
 */
@NullMarked
package dev.securelogout.core.monitor;

import org.jspecify.annotations.NullMarked;
