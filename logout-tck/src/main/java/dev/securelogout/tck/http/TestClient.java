package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One client of an app, with its own cookie jar, on the JDK's {@link HttpClient}: it follows no
 * redirects, so a test sees every 303, and keeps cookies by name as the {@code Set-Cookie} headers
 * say ({@code Max-Age=0} deletes), whatever {@code Secure} says, as a browser does on 127.0.0.1.
 * Not thread-safe: one client per simulated device.
 */
public final class TestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** The cookie jar, name to value; tests copy, plant and remove cookies here. */
    public final Map<String, String> cookies = new LinkedHashMap<>();
    private final URI base;
    private final String userAgent;

    /**
     * A client of the app at {@code base} sending {@code userAgent}.
     *
     * @param base the base URI
     * @param userAgent the {@code User-Agent} header
     */
    public TestClient(URI base, String userAgent) {
        this.base = base;
        this.userAgent = userAgent;
    }

    /**
     * The same device (user agent and cookies) talking to another node at {@code other}.
     *
     * @param other the other
     * @return the same device
     */
    public TestClient on(URI other) {
        TestClient client = new TestClient(other, userAgent);
        client.cookies.putAll(cookies);
        return client;
    }

    /**
     * The app's root this client talks to.
     *
     * @return the app's root this client talks to
     */
    public URI base() {
        return base;
    }

    /**
     * A request to {@code path} with this client's user agent, cookies and the given header pairs.
     *
     * @param path the path
     * @param headers the headers
     * @return this builder
     */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", userAgent);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    /**
     * {@code GET path}.
     *
     * @param path the path
     * @param headers the headers
     * @return the http response
     */
    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /**
     * A same-origin form POST ({@code Origin} set as a browser sets it).
     *
     * @param path the path
     * @param form the form
     * @param headers the headers
     * @return a same-origin form POST
     */
    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(request(path, headers).header("Origin", base.toString())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * A POST of {@code json} asking for JSON, as an API client sends it (no {@code Origin}).
     *
     * @param path the path
     * @param json the json
     * @param headers the headers
     * @return a POST of {@code json} asking for JSON, as an API client sends it
     */
    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * {@code POST /login} with the login form.
     *
     * @param user the user
     * @param password the password
     * @param remember whether remember
     * @return the http response
     */
    public HttpResponse<String> login(String user, String password, boolean remember) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("username", user, "password", password));
        if (remember) {
            form.put("remember", "on");
        }
        return post("/login", form);
    }

    /**
     * {@code POST /login} as {@code user}.
     *
     * @param user the user
     * @param remember whether remember
     * @return the http response
     */
    public HttpResponse<String> login(HttpApp.DemoUser user, boolean remember) {
        return login(user.name(), user.password(), remember);
    }

    /**
     * Sends {@code request} and keeps the cookies of the answer.
     *
     * @param request the request
     * @return the http response
     */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            keep(response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens {@code GET /events}, checks it is a 200 event stream, and completes with the first
     * {@code event:} line (or what came before the stream closed without one).
     *
     * @return the completable future
     */
    public CompletableFuture<String> openEvents() {
        return EventStream.open(this).firstEvent();
    }

    /** Opens {@code GET /events} and checks it is a 200 event stream. */
    EventStream openStream() {
        return EventStream.open(this);
    }

    private void keep(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            if (SetCookie.parse(header).deletes()) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1).strip());
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One open event stream: its lines as they come. */
    static final class EventStream {
        private final HttpResponse<Stream<String>> response;
        private final List<String> seen = new ArrayList<>();

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
        }

        static EventStream open(TestClient client) {
            HttpResponse<Stream<String>> response;
            try {
                response = HttpClient.newHttpClient().send(client.request("/events", "Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
            return new EventStream(response);
        }

        /** Completes with the first {@code event:} line, or what came before the stream closed without one. */
        CompletableFuture<String> firstEvent() {
            return CompletableFuture.supplyAsync(() -> response.body().peek(seen::add)
                    .filter(line -> line.startsWith("event:")).findFirst().orElse("closed without event: " + seen));
        }

        /** Completes with the first {@code event:} line and the {@code data:} line after it (or what came before the stream closed). */
        CompletableFuture<List<String>> firstEventWithData() {
            return CompletableFuture.supplyAsync(() -> {
                List<String> event = new ArrayList<>();
                response.body().peek(seen::add).filter(line -> !event.isEmpty() || line.startsWith("event:"))
                        .peek(event::add).filter(line -> line.startsWith("data:")).findFirst();
                return event.isEmpty() ? List.of("closed without event: " + seen) : event;
            });
        }

        /** Completes with every line once the server closes the stream. */
        CompletableFuture<List<String>> untilClosed() {
            return CompletableFuture.supplyAsync(() -> response.body().toList());
        }
    }
}
