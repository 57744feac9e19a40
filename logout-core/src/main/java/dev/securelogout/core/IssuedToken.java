package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.token.PersistentToken;

/**
 * A refresh or remember-me token just issued or rotated: the token to hand to the client and its
 * stored record. {@link #toString()} does not reveal the token.
 *
 * @param token  the token, for the client only
 * @param record what the store keeps
 */
public record IssuedToken(Credential token, PersistentToken record) {
}
