/** Server-side sessions: the model, the device a person recognises, and the {@link dev.securelogout.core.session.SessionStore} SPI. */
package dev.securelogout.core.session;
