/** The in-memory stores: the embedded default for one node, built on Caffeine. */
@NullMarked
package dev.securelogout.core.memory;

import org.jspecify.annotations.NullMarked;
