/** An application on embedded Jetty 12, on the loopback address and a port the system picks. */
package dev.securelogout.testkit.jetty;
