package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Session;

/**
 * A session just started or rotated: the id to hand to the client (in the session cookie) and the
 * session as stored. {@link #toString()} does not reveal the id.
 *
 * @param id      the session id, for the cookie only
 * @param session the stored session
 */
public record NewSession(Credential id, Session session) {
}
