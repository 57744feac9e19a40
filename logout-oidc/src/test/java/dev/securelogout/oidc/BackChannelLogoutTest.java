package dev.securelogout.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackChannelLogoutTest {

    private static final Device BROWSER = Device.of("Mozilla/5.0 Firefox/128.0", "192.0.2.1");
    private static final Device PROVIDER_HOST = Device.of("provider", "10.0.0.9");

    private final TestProvider provider = new TestProvider();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().build();
    private final BackChannelLogout logout = new BackChannelLogout(engine, new LogoutTokenValidator(provider.client()));

    @AfterEach
    void stop() {
        engine.close();
        provider.close();
    }

    @Test
    @DisplayName("a valid token ends the sessions of its sid; the same token again is refused as a replay")
    void endsTheProviderSessionOnceAndRefusesTheReplay() {
        NewSession session = engine.startSession("user-1", BROWSER, new ProviderSession(provider.issuer, "sid-1"));
        NewSession other = engine.startSession("user-1", BROWSER, new ProviderSession(provider.issuer, "sid-2"));
        String token = provider.token(provider.claims().build());

        assertEquals(BackChannelLogout.Result.LOGGED_OUT, logout.receive(token, PROVIDER_HOST));
        assertFalse(engine.check(session.id().value()).isActive());
        assertTrue(engine.check(other.id().value()).isActive());

        NewSession again = engine.startSession("user-1", BROWSER, new ProviderSession(provider.issuer, "sid-1"));
        assertEquals(BackChannelLogout.Result.INVALID, logout.receive(token, PROVIDER_HOST));
        assertTrue(engine.check(again.id().value()).isActive());
    }

    @Test
    @DisplayName("an invalid token changes nothing")
    void invalidChangesNothing() {
        NewSession session = engine.startSession("user-1", BROWSER, new ProviderSession(provider.issuer, "sid-1"));
        assertEquals(BackChannelLogout.Result.INVALID,
                logout.receive(provider.token(provider.claims().claim("nonce", "n").build()), PROVIDER_HOST));
        assertTrue(engine.check(session.id().value()).isActive());
    }

    @Test
    @DisplayName("a provider that cannot be discovered is unavailable, not invalid")
    void providerDown() {
        OidcClient nowhere = OidcClient.builder(URI.create("http://127.0.0.1:1/realm"), "app", "secret")
                .redirectUri(URI.create("http://127.0.0.1/cb")).build();
        BackChannelLogout unreachable = new BackChannelLogout(engine, new LogoutTokenValidator(nowhere));
        assertEquals(BackChannelLogout.Result.UNAVAILABLE, unreachable.receive(
                provider.token(provider.claims().issuer(nowhere.issuer()).build()), PROVIDER_HOST));
    }
}
