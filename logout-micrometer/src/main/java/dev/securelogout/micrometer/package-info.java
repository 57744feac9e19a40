/**
 * {@link dev.securelogout.micrometer.MicrometerEngineMonitor}: the engine's
 * {@link dev.securelogout.core.monitor.EngineMonitor} as Micrometer meters and Observation spans.
 */
@NullMarked
package dev.securelogout.micrometer;

import org.jspecify.annotations.NullMarked;
