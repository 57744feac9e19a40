package dev.securelogout.tck.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 written byte for byte on a socket: for what a well-behaved client refuses to send
 * (TRACE, made-up methods, malformed targets, bodies and headers), and for requests from another
 * loopback address ({@code 127.x.y.z}), which the JDK's client cannot choose. Stateless.
 */
public final class RawHttp {

    /**
     * The answer: its status (0 when the server closed the connection without one) and the whole
     * response as ISO-8859-1 text, head and body.
     *
     * @param status the status code, or 0
     * @param text   the head and the body
     */
    public record Response(int status, String text) {

        /**
         * The head: status line and header lines.
         *
         * @return the status line and header lines
         */
        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        /**
         * The body (undecoded; chunk sizes included when chunked).
         *
         * @return the body
         */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        /**
         * The first value of the header {@code name}, if present.
         *
         * @param name the name
         * @return the first value of the header {@code name}, if present
         */
        public Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head().lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }
    }

    /** How long an answer is read at most. */
    public static final Duration READ_LIMIT = Duration.ofSeconds(20);

    private RawHttp() {
    }

    /**
     * Sends {@code request} (which should say {@code Connection: close}) to {@code base} and reads
     * the answer to the end, or for {@link #READ_LIMIT}.
     *
     * @param base the base URI
     * @param request the request
     * @return the response
     */
    public static Response exchange(URI base, byte[] request) {
        return send(base, null, request);
    }

    /**
     * Sends {@code request} from the local address {@code from}, e.g. another
     * loopback address so that the server sees another client address.
     *
     * @param base the base URI
     * @param from the start
     * @param request the request
     * @return the response
     */
    public static Response exchange(URI base, InetAddress from, byte[] request) {
        return send(base, Objects.requireNonNull(from, "from"), request);
    }

    /** Sends {@code request} from {@code from}, or from any local address when null. */
    private static Response send(URI base, @Nullable InetAddress from, byte[] request) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), port(base)), 5_000);
            socket.setSoTimeout(250);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (SocketException e) {
                // the server answered and closed before reading everything (an oversized request): read what it said
            }
            String text = readUntilClosed(socket).toString(StandardCharsets.ISO_8859_1);
            return new Response(status(text), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request of {@code method} to {@code target} with the header lines {@code headers} (each
     * without CRLF) and {@code body} if present, ending with {@code Connection: close}.
     *
     * @param base the base URI
     * @param method the HTTP method
     * @param target the target
     * @param body the body
     * @param headers the headers
     * @return a request of {@code method} to {@code target} with the header lines {@code headers}
     */
    public static byte[] request(URI base, String method, String target, Optional<String> body, String... headers) {
        StringBuilder out = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(port(base)).append("\r\n");
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        byte[] bytes = body.map(text -> text.getBytes(StandardCharsets.ISO_8859_1)).orElse(new byte[0]);
        if (body.isPresent()) {
            out.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(bytes);
        return all.toByteArray();
    }

    /**
     * What the server sends until it closes the connection, or for at most {@link #READ_LIMIT}; an
     * event stream, which never ends, is cut after its head.
     */
    private static ByteArrayOutputStream readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                int endOfHead = text.indexOf("\r\n\r\n");
                if (endOfHead > 0 && text.substring(0, endOfHead).toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                    break;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet: read again until the deadline
            } catch (SocketException e) {
                break; // reset after the answer
            }
        }
        return all;
    }

    private static int port(URI base) {
        return base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    }

    private static int status(String text) {
        if (!text.startsWith("HTTP/1.")) {
            return 0;
        }
        int end = text.indexOf('\r');
        String[] parts = text.substring(0, end < 0 ? text.length() : end).split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }
}
