/**
 * Helpers core's packages share with the builders of this library's other modules: exported to those
 * modules only, never to an application.
 */
@NullMarked
package dev.securelogout.core.internal;

import org.jspecify.annotations.NullMarked;
