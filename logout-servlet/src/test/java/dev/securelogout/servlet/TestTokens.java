package dev.securelogout.servlet;

import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.spi.AccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The app's "JWT verification" for tests: opaque strings mapped to the claims they were issued with. */
final class TestTokens implements AccessTokenVerifier {

    static final String ISSUER = "https://issuer.test";

    private final Map<String, AccessTokenClaims> issued = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Clock clock;

    TestTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new access token of {@code userId}, issued now, valid ten minutes. */
    String issue(String userId) {
        int n = next.incrementAndGet();
        String token = "at-" + n;
        issued.put(token, new AccessTokenClaims(new AccessTokenId(ISSUER, "jti-" + n), userId, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10)), OptionalLong.empty()));
        return token;
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        return Optional.ofNullable(issued.get(token));
    }
}
