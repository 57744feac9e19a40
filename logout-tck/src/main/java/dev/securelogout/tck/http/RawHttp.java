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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

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

        /** The head: status line and header lines. */
        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        /** The body (undecoded; chunk sizes included when chunked). */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        /** The first value of the header {@code name}, if present. */
        public Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head().lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (which should say {@code Connection: close}) to {@code base} and reads the answer to the end. */
    public static Response exchange(URI base, byte[] request) {
        return exchange(base, null, request);
    }

    /**
     * Sends {@code request} from the local address {@code from} (any when null), e.g. another
     * loopback address so that the server sees another client address.
     */
    public static Response exchange(URI base, InetAddress from, byte[] request) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), port(base)), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (SocketException e) {
                // the server answered and closed before reading everything (an oversized request): read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (SocketException e) {
                // reset after the answer
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            return new Response(status(text), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request of {@code method} to {@code target} with the header lines {@code headers} (each
     * without CRLF) and {@code body} (none when null), ending with {@code Connection: close}.
     */
    public static byte[] request(URI base, String method, String target, String body, String... headers) {
        StringBuilder out = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(port(base)).append("\r\n");
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
        if (body != null) {
            out.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(bytes);
        return all.toByteArray();
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
