/** The in-memory stores: the embedded default for one node, built on Caffeine. */
package dev.securelogout.core.memory;
