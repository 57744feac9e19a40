package dev.securelogout.tck.http;

import java.util.Locale;
import java.util.Optional;

/**
 * One {@code Set-Cookie} header as the contract reads it: the name and the attributes that decide
 * which cookie a deletion reaches (Path, Domain) and how it is protected. Immutable.
 *
 * @param name     the cookie's name
 * @param path     the Path attribute, if any
 * @param domain   the Domain attribute, lower case without a leading dot, if any
 * @param maxAge   the Max-Age attribute, if any
 * @param secure   whether Secure is set
 * @param httpOnly whether HttpOnly is set
 * @param expires  the Expires attribute, if any
 */
public record SetCookie(String name, Optional<String> path, Optional<String> domain, Optional<Long> maxAge,
                        boolean secure, boolean httpOnly, Optional<String> expires) {

    /**
     * Reads {@code header}, the value of one {@code Set-Cookie} header.
     *
     * @param header the header
     * @return the set cookie
     */
    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        String name = parts[0].substring(0, Math.max(0, parts[0].indexOf('='))).strip();
        Optional<String> path = Optional.empty();
        Optional<String> domain = Optional.empty();
        Optional<Long> maxAge = Optional.empty();
        Optional<String> expires = Optional.empty();
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            String attribute = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            switch (attribute) {
                case "path" -> path = Optional.of(value);
                case "domain" -> domain = Optional.of(value.toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""));
                case "max-age" -> maxAge = Optional.of(Long.parseLong(value));
                case "expires" -> expires = Optional.of(value);
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> {
                    // SameSite, Partitioned and the like do not decide which cookie is reached
                }
            }
        }
        return new SetCookie(name, path, domain, maxAge, secure, httpOnly, expires);
    }

    /**
     * Whether this header deletes its cookie: {@code Max-Age} zero or less.
     *
     * @return whether this header deletes its cookie
     */
    public boolean deletes() {
        return maxAge.map(age -> age <= 0).orElse(false);
    }

    /**
     * Whether this deletion reaches the cookie {@code set} wrote: same name, Path and Domain.
     *
     * @param set the set
     * @return whether this deletion reaches the cookie {@code set} wrote
     */
    public boolean reaches(SetCookie set) {
        return name.equals(set.name) && path.equals(set.path) && domain.equals(set.domain);
    }
}
