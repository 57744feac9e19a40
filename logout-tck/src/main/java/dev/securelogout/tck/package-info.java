/**
 * The contract suites every store must pass, and the helpers they share (a mutable clock, users, a TCP proxy
 * that plays a store outage).
 */
@NullMarked
package dev.securelogout.tck;

import org.jspecify.annotations.NullMarked;
