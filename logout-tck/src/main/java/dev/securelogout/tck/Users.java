package dev.securelogout.tck;

import java.util.UUID;

/** User ids for the contract suites. */
final class Users {

    private Users() {
    }

    /** A new user id, unique to the test, with characters that a careless store would mangle. */
    static String newUser() {
        return "user:{" + UUID.randomUUID() + "}*ü\"' ";
    }
}
