package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionEventsServlet} and {@link SessionEventStreams} on embedded Jetty behind the session
 * guard: the live notice, and the bounds (at most 2 streams per session, 3 per user here), the
 * oldest closed first, logout still ending every stream.
 */
class SessionEventsIT {

    private static final int PER_SESSION = 2;
    private static final int PER_USER = 3;

    private final SessionNotifier notifier = InMemoryStores.notifier();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().notifier(notifier).build();
    private final SessionEventStreams streams = new SessionEventStreams(notifier, PER_SESSION, PER_USER);
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedApp app;
    private URI base;

    @BeforeEach
    void start() {
        LogoutConfig config = LogoutConfig.builder().apiPaths(List.of("/events")).build();
        app = EmbeddedApp.builder()
                .filter(new SessionGuardFilter(engine, config), "/events")
                .filter(new LogoutFilter(engine, config), "/logout")
                .servlet(new SessionEventsServlet(engine, streams), "/events")
                .servlet(new LogoutScriptServlet(), "/logout.js")
                .start();
        base = app.base();
    }

    @AfterEach
    void stop() {
        streams.close();
        app.close();
    }

    @Test
    @DisplayName("a stream gets event: logout when its session ends, then closes")
    void logoutNotice() throws Exception {
        NewSession session = login("alice");
        Opened stream = open(session);
        engine.logoutEverywhere("alice", Device.of("admin", "127.0.0.1"));
        assertTrue(stream.lines.get(5, TimeUnit.SECONDS).contains("event: logout"));
        waitFor(() -> streams.size() == 0);
    }

    @Test
    @DisplayName("more streams than the bounds: the oldest close first (event: superseded), the count stays bounded, logout closes the rest")
    void bounded() throws Exception {
        NewSession laptop = login("alice");
        List<Opened> laptopStreams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            laptopStreams.add(open(laptop));
            assertTrue(streams.size("alice") <= PER_SESSION, "per session: " + streams.size("alice"));
        }
        for (Opened superseded : laptopStreams.subList(0, 4)) {
            assertTrue(superseded.lines.get(5, TimeUnit.SECONDS).contains("event: superseded"), "oldest closed first");
        }
        waitFor(() -> streams.size("alice") == PER_SESSION);
        List<Opened> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(open(login("alice")));
            assertTrue(streams.size("alice") <= PER_USER, "per user: " + streams.size("alice"));
        }
        waitFor(() -> streams.size("alice") == PER_USER);
        Opened bob = open(login("bob"));
        assertEquals(PER_USER + 1, streams.size(), "another user's streams do not count against alice's");
        List<Opened> open = new ArrayList<>(laptopStreams.subList(4, 6));
        open.addAll(others);
        engine.logoutEverywhere("alice", Device.of("admin", "127.0.0.1"));
        int loggedOut = 0;
        for (Opened stream : open) {
            List<String> lines = stream.lines.get(5, TimeUnit.SECONDS);
            loggedOut += lines.contains("event: logout") ? 1 : 0;
        }
        assertEquals(PER_USER, loggedOut, "every stream still open got event: logout");
        waitFor(() -> streams.size("alice") == 0);
        assertEquals(1, streams.size());
        assertTrue(!bob.lines.isDone(), "bob's stream stays open");
    }

    @Test
    @DisplayName("without a session the stream is 401; the script is served with its version")
    void anonymousAndScript() throws Exception {
        assertEquals(401, http.send(HttpRequest.newBuilder(base.resolve("/events")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(base.resolve("/logout.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(script.body().contains("var VERSION = '" + LogoutScript.version() + "';"));
        assertTrue(LogoutScript.version().matches("\\d+\\.\\d+\\.\\d+.*"), LogoutScript.version());
        assertEquals(304, http.send(HttpRequest.newBuilder(base.resolve("/logout.js"))
                .header("If-None-Match", script.headers().firstValue("ETag").orElseThrow()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private NewSession login(String user) {
        return engine.startSession(user, Device.of(TestApp.FIREFOX, "127.0.0.1"));
    }

    /** An open stream: its lines, complete when the server closes it. */
    private record Opened(CompletableFuture<List<String>> lines) {
    }

    private Opened open(NewSession session) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                .header("Cookie", engine.sessionCookie().name() + "=" + session.id().value()).build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(200, response.statusCode());
        // the headers come with the first event, written once the stream is registered
        return new Opened(CompletableFuture.supplyAsync(() -> response.body().toList()));
    }

    private static void waitFor(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(5), condition);
    }
}
