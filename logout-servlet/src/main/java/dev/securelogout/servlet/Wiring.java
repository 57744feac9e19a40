package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import java.util.Objects;
import java.util.Optional;

/** What one filter runs with: the engine, the optional verifier, the configuration and the helpers built from them. Immutable. */
final class Wiring {

    final LogoutEngine engine;
    final Optional<AccessTokenVerifier> verifier;
    final LogoutConfig config;
    final CrossSiteRule crossSite;
    final SessionGuard guard;
    final ClientLogout logout;

    Wiring(LogoutEngine engine, Optional<AccessTokenVerifier> verifier, LogoutConfig config) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.config = Objects.requireNonNull(config, "config");
        this.crossSite = new CrossSiteRule(config);
        this.guard = new SessionGuard(engine, config);
        this.logout = new ClientLogout(engine, verifier, config);
    }
}
