/**
 * Spring Boot auto-configuration: a {@link dev.securelogout.core.LogoutEngine} and the servlet filters, wired
 * from {@code securelogout.*} properties.
 */
@NullMarked
package dev.securelogout.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
