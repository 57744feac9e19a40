package dev.securelogout.jdbc;

import java.util.Objects;

/**
 * Refuses, before any SQL runs, text that a column cannot hold exactly: longer than the column
 * (counted in UTF-16 units, the strictest of the three databases: H2 counts them, PostgreSQL and
 * MariaDB count characters), with a NUL character (PostgreSQL refuses it in text), or with a lone surrogate (a driver would
 * replace it, so that two different ids could name one row). Such a value can never have been
 * stored, so it is a caller's mistake ({@link IllegalArgumentException}), never a store failure.
 * The message names the field and the limit, never the value.
 */
final class Columns {

    /** Length of the user id columns, in characters. */
    static final int USER_ID = 255;
    /** Length of the session handle column. */
    static final int HANDLE = 64;
    /** Length of the token family column. */
    static final int FAMILY_ID = 64;
    /** Length of the provider issuer and session id columns. */
    static final int PROVIDER = 255;
    /** Length of the denylist's issuer and jti columns. */
    static final int ACCESS_TOKEN_ID = 256;

    private Columns() {
    }

    /** {@code value} when a column of {@code max} characters holds it exactly; otherwise refused. */
    static String fit(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than the " + max + " characters the store holds");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(field + " contains a NUL character, which the store cannot hold");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not well-formed text (a lone surrogate)");
            }
        }
        return value;
    }

    /** A user id the store can hold; see {@link #fit}. */
    static String userId(String userId) {
        return fit("user id", userId, USER_ID);
    }
}
