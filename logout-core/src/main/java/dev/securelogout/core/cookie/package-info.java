/** Cookies described once, set and deleted from the same description, and the {@code Clear-Site-Data} directives. */
package dev.securelogout.core.cookie;
