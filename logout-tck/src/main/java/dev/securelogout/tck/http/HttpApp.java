package dev.securelogout.tck.http;

import java.net.URI;
import java.util.Objects;

/**
 * What the HTTP contract suites need to know of an app wired with secure-logout: where it listens,
 * and two demo users it signs in through its {@code POST /login} form ({@code username},
 * {@code password}, {@code remember=on}). The suites change {@link #first()}'s password and set it
 * back; nothing else of the users is changed. Immutable.
 *
 * @param base   the app's root, e.g. {@code http://127.0.0.1:8080}, without a trailing slash
 * @param first  a demo user
 * @param second another demo user, whose sessions the first must never see or end
 */
public record HttpApp(URI base, DemoUser first, DemoUser second) {

    /** The demo's users: {@code alice} / {@code alice-password}, {@code bob} / {@code bob-password}. */
    public static final DemoUser ALICE = new DemoUser("alice", "alice-password");
    /** The second demo user. */
    public static final DemoUser BOB = new DemoUser("bob", "bob-password");

    /**
     * Checks the arguments.
     *
     * @param base the base URI
     * @param first the first
     * @param second the second
     */
    public HttpApp {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.name().equals(second.name())) {
            throw new IllegalArgumentException("the two demo users must differ");
        }
        String text = base.toString();
        if (text.endsWith("/")) {
            base = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /**
     * The app at {@code base} with the demo's users {@link #ALICE} and {@link #BOB}.
     *
     * @param base the base URI
     * @return the app at {@code base} with the demo's users {@link #ALICE} and {@link #BOB}
     */
    public static HttpApp at(URI base) {
        return new HttpApp(base, ALICE, BOB);
    }

    /**
     * The app on {@code 127.0.0.1:port} with the demo's users.
     *
     * @param port the port the app listens on
     * @return the app on that port
     */
    public static HttpApp onLoopback(int port) {
        return at(URI.create("http://127.0.0.1:" + port));
    }

    /** A user the app signs in with a user name and a password. */
    public record DemoUser(String name, String password) {

        /**
         * Checks the arguments.
         *
         * @param name the name
         * @param password the password
         */
        public DemoUser {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
        }
    }
}
