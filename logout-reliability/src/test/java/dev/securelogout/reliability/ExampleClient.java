package dev.securelogout.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One client of the example app over loopback HTTP, with a cookie jar of its own (a browser
 * profile, or an API client): follows no redirects; keeps cookies by name as the Set-Cookie
 * headers say ({@code Max-Age=0} deletes), whatever {@code Secure} says, as a browser does on
 * 127.0.0.1. Every answer is counted in a {@link Tally}, and every 5xx is unexpected (the soak
 * injects no fault). A transport failure is an {@link UncheckedIOException}. Not thread-safe: one
 * per worker.
 */
final class ExampleClient {

    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String origin;
    private final Tally tally;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** A client of the app on {@code port} with an empty cookie jar. */
    ExampleClient(int port, Tally tally) {
        this.origin = "http://127.0.0.1:" + port;
        this.tally = tally;
    }

    /** A copy of the cookie jar. */
    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** Another client on the same app holding {@code jar} (an old cookie jar, presented again). */
    ExampleClient holding(Map<String, String> jar) {
        ExampleClient other = new ExampleClient(URI.create(origin).getPort(), tally);
        other.cookies.putAll(jar);
        return other;
    }

    /** {@code GET path} with header name/value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A same-origin form POST (Origin set as a browser sets it). */
    HttpResponse<String> form(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON POST, as an API client sends it, with header name/value pairs. */
    HttpResponse<String> json(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", FIREFOX);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        tally.request();
        if (response.statusCode() >= 500) {
            tally.unexpected5xx();
        }
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            if (header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1).strip());
            }
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
