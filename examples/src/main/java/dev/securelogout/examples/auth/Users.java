package dev.securelogout.examples.auth;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The demo's user directory: {@code alice} / {@code alice-password}, {@code bob} /
 * {@code bob-password} and the operator {@code admin} / {@code admin-password} ({@link #ADMIN}),
 * held in memory with PBKDF2 hashes. Each node has its own copy, so a
 * password or email change is seen by the node that made it (the sessions it ends are ended on
 * every node, through the shared store). Thread-safe.
 */
public final class Users {

    /** The demo operator, who may use the admin endpoints. */
    public static final String ADMIN = "admin";
    /** Shortest new password accepted. */
    public static final int MIN_PASSWORD = 8;
    private static final int MAX_USERNAME = 64;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}");
    /** Hashed once, so that an unknown user name costs as much as a wrong password. */
    private static final PasswordHash DUMMY = PasswordHash.of("not a password", new SecureRandom());

    private record Account(PasswordHash password, String email) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /** The directory with the demo users. */
    public static Users demo() {
        Users users = new Users();
        users.accounts.put("alice", new Account(PasswordHash.of("alice-password", users.random), "alice@example.com"));
        users.accounts.put("bob", new Account(PasswordHash.of("bob-password", users.random), "bob@example.com"));
        users.accounts.put(ADMIN, new Account(PasswordHash.of("admin-password", users.random), "admin@example.com"));
        return users;
    }

    /** The user id when {@code username} and {@code password} match, in time independent of which is wrong. */
    public Optional<String> authenticate(String username, String password) {
        Account account = username == null || username.length() > MAX_USERNAME ? null : accounts.get(username);
        boolean matches = (account == null ? DUMMY : account.password()).matches(password);
        return account != null && matches ? Optional.of(username) : Optional.empty();
    }

    /** The user's email address. */
    public String email(String userId) {
        Account account = accounts.get(userId);
        return account == null ? "" : account.email();
    }

    /**
     * Sets a new password after checking the current one.
     *
     * @return false when the current password is wrong or the new one is too short or too long
     */
    public boolean changePassword(String userId, String currentPassword, String newPassword) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD || newPassword.length() > PasswordHash.MAX_PASSWORD
                || authenticate(userId, currentPassword).isEmpty()) {
            return false;
        }
        PasswordHash hash = PasswordHash.of(newPassword, random);
        return accounts.computeIfPresent(userId, (id, account) -> new Account(hash, account.email())) != null;
    }

    /**
     * Sets a new email address.
     *
     * @return false when it does not look like one
     */
    public boolean changeEmail(String userId, String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return false;
        }
        return accounts.computeIfPresent(userId, (id, account) -> new Account(account.password(), email)) != null;
    }
}
