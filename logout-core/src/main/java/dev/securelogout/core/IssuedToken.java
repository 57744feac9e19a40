package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenState;

/**
 * A refresh or remember-me token just issued or rotated: the token to hand to the client and its
 * stored record. {@link #toString()} does not reveal the token.
 *
 * @param token  the token, for the client only
 * @param record what the store keeps
 * @param state  the user's token state as read around the write (before a new family is stored,
 *               after a rotation): an access token minted from this token embeds its version (and
 *               {@link #grant()}), so that a logout everywhere that raced the issue or rotation
 *               refuses it too
 */
public record IssuedToken(Credential token, PersistentToken record, TokenState state) {

    /**
     * The family this token belongs to: the grant an access token minted from it names.
     *
     * @return the family this token belongs to
     */
    public String grant() {
        return record.familyId();
    }
}
