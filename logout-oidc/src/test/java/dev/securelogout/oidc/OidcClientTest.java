package dev.securelogout.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OidcClientTest {

    private static final URI ISSUER = URI.create("https://idp.example.test/realm");
    private static final URI CALLBACK = URI.create("https://app.example.test/login/oidc/callback");

    @Test
    @DisplayName("the builder takes each setting once and names the one given twice or missing")
    void builderTakesEachSettingOnce() {
        OidcClient.Builder builder = OidcClient.builder(ISSUER, "app", "secret").redirectUri(CALLBACK)
                .postLogoutRedirectUris(List.of(URI.create("https://app.example.test/"))).signingAlgorithm(JWSAlgorithm.ES256)
                .clock(Clock.systemUTC());
        assertEquals("redirectUri is already set", assertThrows(IllegalStateException.class, () -> builder.redirectUri(CALLBACK)).getMessage());
        assertEquals("postLogoutRedirectUris is already set", assertThrows(IllegalStateException.class,
                () -> builder.postLogoutRedirectUris(List.of())).getMessage());
        assertEquals("signingAlgorithm is already set", assertThrows(IllegalStateException.class,
                () -> builder.signingAlgorithm(JWSAlgorithm.RS256)).getMessage());
        assertEquals("redirectUri is required", assertThrows(IllegalStateException.class,
                () -> OidcClient.builder(ISSUER, "app", "secret").build()).getMessage());
    }
}
