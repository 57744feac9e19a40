/**
 * The contract suites every HTTP adapter must pass, with the clients and helpers they drive an application with.
 */
@NullMarked
package dev.securelogout.tck.http;

import org.jspecify.annotations.NullMarked;
