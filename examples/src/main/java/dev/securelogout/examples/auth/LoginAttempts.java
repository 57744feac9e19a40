package dev.securelogout.examples.auth;

import dev.securelogout.core.throttle.LoginThrottle;
import java.time.Duration;

/**
 * A password check behind secure-logout's {@link LoginThrottle}, shared by the login form and the
 * token API: a throttled attempt checks nothing; a failure is counted for the account and the
 * client address whether the account exists or not, so the answers never tell. An attempt without
 * a user name is refused without being counted. Thread-safe.
 */
public final class LoginAttempts {

    /** What an attempt came to. */
    public sealed interface Result {
    }

    /** The password was right. */
    public record Allowed(String userId) implements Result {
    }

    /** Wrong user name or password. */
    public record Refused() implements Result {
    }

    /** Too many failures of the account or from the address: try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Result {

        /** The value of {@code Retry-After}, whole seconds. */
        public String retryAfterSeconds() {
            return Long.toString(retryAfter.toSeconds());
        }
    }

    private final Users users;
    private final LoginThrottle throttle;

    /** Checks passwords with {@code users}, throttled by {@code throttle}. */
    public LoginAttempts(Users users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /** Tries {@code username} and {@code password} (either may be null) from the client {@code address}. */
    public Result attempt(String username, String password, String address) {
        if (username == null || username.isBlank()) {
            return new Refused();
        }
        var wait = throttle.check(username, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        var user = users.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, address);
            return new Refused();
        }
        throttle.succeeded(username, address);
        return new Allowed(user.get());
    }
}
