/** Cookies described once, set and deleted from the same description, and the {@code Clear-Site-Data} directives. */
@NullMarked
package dev.securelogout.core.cookie;

import org.jspecify.annotations.NullMarked;
