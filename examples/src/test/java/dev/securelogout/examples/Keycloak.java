package dev.securelogout.examples;

import dev.securelogout.tck.http.Json;
import dev.securelogout.tck.http.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak for a test class: the distribution Maven unpacked under {@code target/}
 * ({@code keycloak.home}), started in dev mode (embedded H2, plain HTTP) on 127.0.0.2, so that its
 * cookies never mix with the app's on 127.0.0.1 (cookies do not tell ports apart), with a fresh
 * database and the realm given. Keycloak 26 needs Java 21 or newer: it runs on the first such JDK
 * found ({@code KEYCLOAK_JAVA_HOME}, else {@code /usr/lib/jvm/*}); none found fails the test with a
 * message that says so. Its output goes to {@code target/keycloak-<port>.log}.
 */
final class Keycloak implements AutoCloseable {

    /** The host Keycloak listens on: a loopback alias of its own. */
    static final String HOST = "127.0.0.2";
    /** How long a start may take: about 40 s on two free cores; 230 s seen on a loaded two-core machine. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    static final String ADMIN = "admin";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final String adminPassword = UUID.randomUUID().toString();
    final URI base;

    private Keycloak(Path home, int port, String realmJson) throws IOException {
        Path javaHome = java21();
        Path data = home.resolve("data");
        deleteTree(data.resolve("h2"));
        deleteTree(data.resolve("import"));
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import").resolve("realm.json"), realmJson);
        base = URI.create("http://" + HOST + ":" + port);
        log = home.getParent().getParent().resolve("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=" + HOST, "--http-port=" + port, "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // JBoss Threads asks for this on Java 24+, else it throws at shutdown
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        process = builder.start();
    }

    /**
     * Starts Keycloak on {@code port} of {@link #HOST} ({@link #freePort()}) with the realm
     * {@code realmJson} and waits until {@code realm}'s discovery answers.
     *
     * @throws IllegalStateException when the distribution or a JDK 21+ is missing, or it does not start in time
     */
    static Keycloak start(int port, String realmJson, String realm) throws Exception {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null || !Files.isExecutable(Paths.get(homeProperty, "bin", "kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at keycloak.home=" + homeProperty
                    + ": run through Maven (mvn -pl examples verify), which unpacks org.keycloak:keycloak-quarkus-dist into target/");
        }
        Keycloak keycloak = new Keycloak(Paths.get(homeProperty), port, realmJson);
        try {
            keycloak.awaitReady(realm);
            return keycloak;
        } catch (Exception | Error e) {
            keycloak.close();
            throw e;
        }
    }

    /** The realm's issuer identifier. */
    URI issuer(String realm) {
        return URI.create(base + "/realms/" + realm);
    }

    private void awaitReady(String realm) throws Exception {
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        Poll.until(START_TIMEOUT, Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, () -> "Keycloak did not answer within " + START_TIMEOUT + ":\n" + tail());
    }

    /** An access token of the master realm's administrator, for the admin REST API. */
    String adminToken() {
        return (String) Json.object(post(base + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", adminPassword), null)
                .body()).get("access_token");
    }

    /** The id of {@code username} in {@code realm}. */
    String userId(String realm, String username) {
        HttpResponse<String> users = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + adminToken()).build());
        return (String) ((Map<?, ?>) Json.array(users.body()).get(0)).get("id");
    }

    /** Ends every Keycloak session of the user {@code userId}: the admin REST API's {@code POST .../users/{id}/logout}. */
    int logoutUser(String realm, String userId) {
        return logoutUser(realm, userId, adminToken());
    }

    /** The same with the administrator's access token {@code adminToken} fetched before. */
    int logoutUser(String realm, String userId, String adminToken) {
        return send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/users/" + userId + "/logout"))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    /** The Keycloak sessions of the user {@code userId}. */
    List<Object> sessions(String realm, String userId) {
        return Json.array(send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/users/" + userId + "/sessions"))
                .header("Authorization", "Bearer " + adminToken()).build()).body());
    }

    /** A form POST to {@code url}, with HTTP Basic when {@code basic} is given as {@code id:secret}. */
    HttpResponse<String> post(String url, Map<String, String> form, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (basic != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of Keycloak's output, for a failure message. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output at " + log + ")";
        }
    }

    /** The first JDK of version 21 or newer: {@code KEYCLOAK_JAVA_HOME}, else one under /usr/lib/jvm. */
    static Path java21() throws IOException {
        Optional<Path> given = Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME")).map(Paths::get);
        if (given.isPresent()) {
            if (featureVersion(given.get()) >= 21) {
                return given.get();
            }
            throw new IllegalStateException("KEYCLOAK_JAVA_HOME=" + given.get() + " is not a JDK 21 or newer, which Keycloak 26 needs");
        }
        Path jvms = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Path> found = homes.filter(h -> featureVersion(h) >= 21)
                        .max(Comparator.comparingInt(Keycloak::featureVersion));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("Keycloak 26 needs Java 21 or newer and none was found under /usr/lib/jvm: install one"
                + " (e.g. temurin-25-jdk) or set KEYCLOAK_JAVA_HOME; the project itself stays on Java 17");
    }

    /** The feature version in {@code home}/release, 0 when it is no JDK. */
    private static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return 0;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A port free on {@link #HOST} now, for Keycloak to bind (it must be known before the app starts). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Stops Keycloak and waits for it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
