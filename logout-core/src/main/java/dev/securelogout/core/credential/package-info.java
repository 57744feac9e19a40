/**
 * Opaque credentials: how they are drawn, parsed, digested for storage and derived on rotation.
 * No raw secret leaves {@link dev.securelogout.core.credential.Credential#value()}.
 */
@NullMarked
package dev.securelogout.core.credential;

import org.jspecify.annotations.NullMarked;
