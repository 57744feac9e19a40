package dev.securelogout.testkit.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An HTTP/1.1 client that follows no redirects and keeps no cookies, so that a test sees each answer as the app gave
 * it: {@code http.send(http.request("POST", uri, "a=b", "Origin", origin).build())}. Thread-safe.
 */
public final class PlainHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A new client. */
    public PlainHttp() {
    }

    /**
     * A request of {@code method} to {@code uri} with header name/value pairs, and a form body when {@code form} is not
     * null; 20 seconds to answer.
     *
     * @param method the HTTP method
     * @param uri the target
     * @param form the {@code application/x-www-form-urlencoded} body, or null for none
     * @param headers header names and values, alternating
     * @return the request builder, for more headers
     */
    public HttpRequest.Builder request(String method, URI uri, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /**
     * Sends {@code request} and reads the answer as text.
     *
     * @param request the request
     * @return the response
     * @throws UncheckedIOException if the exchange fails
     */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
