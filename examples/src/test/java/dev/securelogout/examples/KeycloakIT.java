package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.securelogout.examples.oidc.OidcSettings;
import dev.securelogout.tck.http.Json;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.tck.http.TestClient;
import dev.securelogout.testkit.services.Services;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The example app's OpenID Connect sign-in and logout against a real Keycloak (started once for
 * the class, see {@link Keycloak}): two nodes sharing Redis, the first registered at Keycloak as
 * the client's redirect URL and, through a recorder that keeps each logout token Keycloak sends,
 * as its back-channel logout URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakIT {

    private static final String REALM = "demo";
    private static final String CLIENT_ID = "secure-logout-example";
    private static final String USER = "demo";
    private static final String PASSWORD = "demo-password";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) KeycloakIT";
    /** How long a back-channel logout may take to reach both nodes before the test fails (it takes well under a second). */
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final String prefix = Services.randomPrefix("ex-");
    private final String secret = UUID.randomUUID().toString();
    private RunningApp first;
    private RunningApp second;
    private Keycloak keycloak;
    private String userId;
    private HttpServer recorder;
    private final List<String> logoutTokenBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        int port = Keycloak.freePort();
        OidcSettings oidc = new OidcSettings(URI.create("http://" + Keycloak.HOST + ":" + port + "/realms/" + REALM), CLIENT_ID,
                secret, Optional.empty());
        AppConfig config = Redis.redis(prefix, AppConfig.inMemory().secret());
        first = new RunningApp(config, Optional.of(oidc));
        second = new RunningApp(config, Optional.of(oidc));
        recorder = recorder(URI.create(first.http().base() + "/oidc/backchannel-logout"));
        String realm;
        try (InputStream in = KeycloakIT.class.getResourceAsStream("/keycloak/demo-realm.json")) {
            realm = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${APP_URL}", "http://127.0.0.1:" + first.port).replace("${CLIENT_SECRET}", secret)
                    .replace("${BACKCHANNEL_URL}", "http://127.0.0.1:" + recorder.getAddress().getPort() + "/");
        }
        Instant started = Instant.now();
        keycloak = Keycloak.start(port, realm, REALM);
        System.out.printf("KeycloakIT: Keycloak started in %d ms%n", Duration.between(started, Instant.now()).toMillis());
        userId = keycloak.userId(REALM, USER);
    }

    @AfterAll
    void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        recorder.stop(0);
        first.close();
        second.close();
        Services.deleteKeys(prefix);
    }

    @AfterEach
    void endKeycloakSessions() {
        keycloak.logoutUser(REALM, userId);
    }

    @Test
    @DisplayName("signs in through Keycloak's login form; ending the user's Keycloak session ends the app session on both nodes, and the open page is told")
    void keycloakLogoutEndsTheSessionOnBothNodes() throws Exception {
        TestClient onFirst = signIn();
        TestClient onSecond = onFirst.on(second.http().base());
        assertEquals(200, onFirst.get("/").statusCode());
        assertEquals(200, onSecond.get("/").statusCode());
        CompletableFuture<String> notice = onSecond.openEvents();
        awaitStreams();

        String admin = keycloak.adminToken();
        Instant asked = Instant.now();
        assertEquals(204, keycloak.logoutUser(REALM, userId, admin));
        await(() -> onFirst.get("/").statusCode() == 303 && onSecond.get("/").statusCode() == 303,
                "the app session still works after Keycloak ended it");
        System.out.printf("KeycloakIT: the app session ended on both nodes %d ms after the admin logout%n",
                Duration.between(asked, Instant.now()).toMillis());
        assertEquals("event: logout", notice.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the open page was told");
    }

    @Test
    @DisplayName("an app logout ends the local session first, then sends the browser to Keycloak, which ends its session and comes back")
    void appLogoutEndsTheKeycloakSession() {
        TestClient[] clients = signInWithKeycloakClient();
        TestClient app = clients[0];
        TestClient idp = clients[1];
        assertEquals(1, keycloak.sessions(REALM, userId).size());

        HttpResponse<String> logout = app.post("/logout", Map.of());
        assertEquals(303, logout.statusCode());
        String location = logout.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/logout?"), location);
        Map<String, String> query = query(URI.create(location));
        assertEquals(CLIENT_ID, query.get("client_id"));
        assertEquals("http://127.0.0.1:" + first.port + "/login?logout", query.get("post_logout_redirect_uri"));
        assertTrue(query.get("id_token_hint").split("\\.").length == 3, "the ID token kept at sign-in");
        assertEquals(303, app.get("/").statusCode(), "the local session ended before the provider was asked");

        HttpResponse<String> atKeycloak = idp.get(pathOf(location));
        assertEquals(302, atKeycloak.statusCode(), atKeycloak.body());
        assertEquals("http://127.0.0.1:" + first.port + "/login?logout", atKeycloak.headers().firstValue("Location").orElseThrow());
        await(() -> keycloak.sessions(REALM, userId).isEmpty(), "Keycloak still holds the session");
    }

    @Test
    @DisplayName("forged, unsigned, malformed and misdirected logout tokens get 400 and change nothing; other methods 405")
    void invalidLogoutTokensChangeNothing() throws Exception {
        TestClient app = signIn();
        String sid = (String) ((Map<?, ?>) keycloak.sessions(REALM, userId).get(0)).get("id");
        RSAKey forger = new RSAKeyGenerator(2048).keyID("forged").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(keycloak.issuer(REALM).toString()).audience(CLIENT_ID).subject(userId).claim("sid", sid)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt"))
                .keyID("forged").build(), claims);
        forged.sign(new RSASSASigner(forger));
        TestClient provider = new TestClient(first.http().base(), "Keycloak");
        for (String token : List.of(forged.serialize(), new PlainJWT(claims).serialize(), "garbage", "")) {
            HttpResponse<String> answer = provider.send(provider.request("/oidc/backchannel-logout")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + token)).build());
            assertEquals(400, answer.statusCode());
            assertEquals("{\"error\":\"invalid_request\"}", answer.body());
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        }
        assertEquals(405, provider.get("/oidc/backchannel-logout").statusCode());
        assertEquals(200, app.get("/").statusCode(), "the session survived every invalid token");
        assertEquals(200, app.on(second.http().base()).get("/").statusCode());
    }

    @Test
    @DisplayName("an access token Keycloak minted for the app is accepted, and refused on both nodes once a back-channel logout names its user")
    void providerAccessTokenRefusedAfterBackChannelLogout() {
        TestClient api = new TestClient(first.http().base(), "api-client/1.0");
        TestClient apiOnSecond = api.on(second.http().base());
        String bearer = acceptedBearer(api);
        assertEquals(200, apiOnSecond.get("/api/me", "Authorization", bearer).statusCode());

        assertEquals(204, keycloak.logoutUser(REALM, userId));

        await(() -> api.get("/api/me", "Authorization", bearer).statusCode() == 401
                && apiOnSecond.get("/api/me", "Authorization", bearer).statusCode() == 401, "the provider's access token still works");
    }

    @Test
    @DisplayName("a logout token Keycloak sent, replayed to either node, gets 400 and changes nothing")
    void replayedLogoutTokenIsRefusedOnEveryNode() {
        signIn();
        logoutTokenBodies.clear();
        assertEquals(204, keycloak.logoutUser(REALM, userId));
        await(() -> !logoutTokenBodies.isEmpty(), "Keycloak sent no logout token");
        String body = logoutTokenBodies.get(0);
        TestClient api = new TestClient(first.http().base(), "api-client/1.0");
        String bearer = acceptedBearer(api);

        for (RunningApp node : List.of(first, second)) {
            TestClient provider = new TestClient(node.http().base(), "Keycloak");
            HttpResponse<String> replay = provider.send(provider.request("/oidc/backchannel-logout")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(400, replay.statusCode());
            assertEquals("{\"error\":\"invalid_request\"}", replay.body());
        }
        assertEquals(200, api.get("/api/me", "Authorization", bearer).statusCode(), "the replay advanced nothing");
        assertEquals(200, api.on(second.http().base()).get("/api/me", "Authorization", bearer).statusCode());
    }

    /**
     * Keycloak's back-channel logout URL: keeps each request body, then forwards it to
     * {@code target} and answers as it answers.
     */
    private HttpServer recorder(URI target) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            logoutTokenBodies.add(body);
            TestClient forward = new TestClient(URI.create(target.getScheme() + "://" + target.getAuthority()), "Keycloak");
            HttpResponse<String> answer = forward.send(forward.request(target.getPath())
                    .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * {@code Authorization} with an access token Keycloak minted for the app after the user's last
     * logout: its {@code iat} has whole seconds, so one minted in the second of a logout counts as
     * issued before it and is refused; the next second's is not.
     */
    private String acceptedBearer(TestClient api) {
        AtomicReference<String> bearer = new AtomicReference<>();
        await(() -> {
            bearer.set("Bearer " + accessToken());
            return api.get("/api/me", "Authorization", bearer.get()).statusCode() == 200;
        }, "no access token minted after the last logout is accepted");
        return bearer.get();
    }

    /** An access token Keycloak mints for the app (resource-owner password grant, a Keycloak session of its own). */
    private String accessToken() {
        HttpResponse<String> grant = keycloak.post(keycloak.issuer(REALM) + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "username", USER, "password", PASSWORD, "scope", "openid"), CLIENT_ID + ":" + secret);
        assertEquals(200, grant.statusCode(), grant.body());
        return (String) Json.object(grant.body()).get("access_token");
    }

    /** Signs in through Keycloak's login form; the app client, with the app's session cookie. */
    private TestClient signIn() {
        return signInWithKeycloakClient()[0];
    }

    /** Signs in; the app client and the Keycloak client (with Keycloak's cookies, on 127.0.0.2). */
    private TestClient[] signInWithKeycloakClient() {
        TestClient app = new TestClient(first.http().base(), BROWSER);
        TestClient idp = new TestClient(keycloak.base, BROWSER);
        HttpResponse<String> start = app.get("/login/oidc");
        assertEquals(303, start.statusCode());
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce=") && authorize.contains("state="),
                authorize);
        HttpResponse<String> form = idp.get(pathOf(authorize));
        assertEquals(200, form.statusCode());
        Matcher action = FORM_ACTION.matcher(form.body());
        assertTrue(action.find(), "Keycloak's login form");
        HttpResponse<String> posted = idp.post(pathOf(action.group(1).replace("&amp;", "&")),
                Map.of("username", USER, "password", PASSWORD, "credentialId", ""));
        assertEquals(302, posted.statusCode(), posted.body());
        String callback = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(callback.startsWith(first.http().base() + "/login/oidc/callback?"), callback);
        HttpResponse<String> done = app.get(pathOf(callback));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/", done.headers().firstValue("Location").orElseThrow());
        assertEquals(200, app.get("/").statusCode());
        return new TestClient[] {app, idp};
    }

    private void awaitStreams() {
        Poll.until(PATIENCE, Duration.ofMillis(20), () -> second.app.openEventStreams() > 0,
                () -> "no event stream open after " + PATIENCE.toSeconds() + " s");
    }

    private static void await(BooleanSupplier condition, String failure) {
        Poll.until(PATIENCE, Duration.ofMillis(50), condition, () -> failure + " after " + PATIENCE.toSeconds() + " s");
    }

    /** The path and query of an absolute URL, for a TestClient of its host. */
    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
