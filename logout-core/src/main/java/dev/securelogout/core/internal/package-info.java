/**
 * Helpers core's packages share with this library's other modules (their builders' {@link
 * dev.securelogout.core.internal.SetOnce}, the Redis near cache's {@link
 * dev.securelogout.core.internal.AdvancingTicker}): exported to those modules only, never to an
 * application.
 */
@NullMarked
package dev.securelogout.core.internal;

import org.jspecify.annotations.NullMarked;
