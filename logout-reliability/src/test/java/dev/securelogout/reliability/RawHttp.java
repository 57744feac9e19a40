package dev.securelogout.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written byte for byte on a socket: for what a well-behaved client refuses to send. */
final class RawHttp {

    /**
     * The answer: its status (0 when the server closed the connection without one) and the whole
     * response as text, head and body.
     */
    record Response(int status, String text) {
    }

    private RawHttp() {
    }

    /** Sends {@code request} (which should say {@code Connection: close}) and reads the answer to the end. */
    static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
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

    private static int status(String text) {
        if (!text.startsWith("HTTP/1.")) {
            return 0;
        }
        int end = text.indexOf('\r');
        String[] parts = text.substring(0, end < 0 ? text.length() : end).split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }
}
