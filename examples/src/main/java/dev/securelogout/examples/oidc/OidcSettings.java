package dev.securelogout.examples.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sign-in through an OpenID Connect provider, from the environment: {@code OIDC_ISSUER},
 * {@code OIDC_CLIENT_ID}, {@code OIDC_CLIENT_SECRET} (all three, or none: then the app signs in
 * with passwords only, as always) and {@code OIDC_APP_URL}, the app's own URL as the provider sees
 * it ({@code http://127.0.0.1:<port>} by default). Never shows the secret.
 *
 * @param issuer       the provider's issuer identifier
 * @param clientId     this app's client id at the provider
 * @param clientSecret this app's client secret
 * @param appUrl       the app's own URL, when not the default
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, Optional<URI> appUrl) {

    private static final List<String> REQUIRED = List.of("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET");

    /**
     * Checks that nothing is missing.
     *
     * @param issuer       the provider's issuer identifier
     * @param clientId     this app's client id at the provider
     * @param clientSecret this app's client secret
     * @param appUrl       the app's own URL, when not the default
     */
    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(appUrl, "appUrl");
    }

    /**
     * The settings in {@code env}; empty when none of the three is set.
     *
     * @param env the environment
     * @return the settings, or empty
     * @throws IllegalArgumentException naming the variable that is missing or not a URL
     */
    public static Optional<OidcSettings> fromEnv(Map<String, String> env) {
        List<String> set = REQUIRED.stream().filter(name -> value(env, name).isPresent()).toList();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        for (String name : REQUIRED) {
            if (!set.contains(name)) {
                throw new IllegalArgumentException(name + " is needed with " + String.join(", ", set));
            }
        }
        return Optional.of(new OidcSettings(url(env, "OIDC_ISSUER").orElseThrow(), value(env, "OIDC_CLIENT_ID").orElseThrow(),
                value(env, "OIDC_CLIENT_SECRET").orElseThrow(), url(env, "OIDC_APP_URL")));
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + appUrl.map(u -> ", appUrl=" + u).orElse("") + "]";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<URI> url(Map<String, String> env, String name) {
        Optional<String> text = value(env, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get().endsWith("/") ? text.get().substring(0, text.get().length() - 1) : text.get());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http or https URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be an http or https URL", e);
        }
    }
}
