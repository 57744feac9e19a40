/**
 * Helpers core's packages share and nobody else uses: not exported by the module.
 */
@NullMarked
package dev.securelogout.core.internal;

import org.jspecify.annotations.NullMarked;
