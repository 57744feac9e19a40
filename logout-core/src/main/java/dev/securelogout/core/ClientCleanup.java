package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.spi.CookieClearer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client half of every logout: the {@link ClientInstructions}, computed once from the cookie
 * settings. An application's own {@link CookieClearer} is asked on every logout as a guarded step:
 * when it throws, the deletions of the session and remember-me cookies go out instead and the
 * step is named as failed. Immutable and thread-safe.
 */
final class ClientCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutEngine.class);

    private final ClientInstructions standard;
    private final ClientInstructions baseline;
    private final ClientInstructions kept;
    private final CookieSpec sessionCookie;
    private final CookieSpec rememberMeCookie;
    private final Optional<CookieClearer> custom;

    ClientCleanup(CookieSpec sessionCookie, CookieSpec rememberMeCookie, List<CookieSpec> alsoClear, boolean hostOnlyTwins,
                  List<String> formerDomains, Optional<CookieClearer> custom, Set<ClearSiteData> clearSiteData,
                  String redirectTo) {
        List<CookieSpec> specs = new ArrayList<>(List.of(sessionCookie, rememberMeCookie));
        specs.addAll(alsoClear);
        this.standard = new ClientInstructions(CookieClearer.of(specs, hostOnlyTwins, formerDomains).clearingHeaders(),
                clearSiteData, redirectTo, true);
        this.baseline = new ClientInstructions(List.of(sessionCookie.clearing(), rememberMeCookie.clearing()),
                clearSiteData, redirectTo, true);
        this.kept = new ClientInstructions(List.of(), Set.of(), redirectTo, false);
        this.sessionCookie = sessionCookie;
        this.rememberMeCookie = rememberMeCookie;
        this.custom = custom;
    }

    /** What the client must do to drop everything, asking the custom clearer as a step of {@code steps}. */
    ClientInstructions instructions(Steps steps) {
        if (custom.isEmpty()) {
            return standard;
        }
        return steps.run(LogoutStep.COOKIE_CLEARER,
                () -> new ClientInstructions(custom.get().clearingHeaders(), baseline.clearSiteData(), baseline.redirectTo(), true),
                baseline);
    }

    /** The same, on its own: a failure of the custom clearer is logged at ERROR. */
    ClientInstructions instructions() {
        Steps steps = new Steps();
        ClientInstructions instructions = instructions(steps);
        steps.report(LOG, "client instructions");
        return instructions;
    }

    /** What the client does when it keeps its session: nothing. */
    ClientInstructions keeping() {
        return kept;
    }

    /**
     * What the client does when it keeps its session under a new id: take the new session cookie,
     * drop the remember-me cookie (its series ended with the others).
     */
    ClientInstructions rotated(NewSession replacement) {
        return new ClientInstructions(List.of(sessionSetCookie(replacement), rememberMeCookie.clearing()),
                Set.of(), kept.redirectTo(), false);
    }

    /** The {@code Set-Cookie} value that hands a new session's id to the client. */
    String sessionSetCookie(NewSession session) {
        return sessionCookie.setCookie(session.id().value());
    }
}
