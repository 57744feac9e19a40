package dev.securelogout.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One device: an HTTP client that follows no redirects and keeps its own cookies the way a
 * browser does on a secure origin ({@code Secure} cookies are sent over the loopback too; a
 * {@code Max-Age=0} cookie is dropped). Every request carries the site's own {@code Origin}.
 * Not thread-safe.
 */
final class Browser {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    HttpResponse<String> post(String path) {
        return send("POST", path);
    }

    HttpResponse<String> send(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", TestApp.FIREFOX);
        if (!"GET".equals(method)) {
            request.header("Origin", base.getScheme() + "://" + base.getAuthority());
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String lower = setCookie.toLowerCase(Locale.ROOT);
            if (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(eq + 1).strip());
            }
        }
        return response;
    }
}
