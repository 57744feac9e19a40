package dev.securelogout.testkit.services;

import dev.securelogout.tck.http.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import redis.clients.jedis.RedisClient;

/**
 * A {@code redis-server} a test owns (never the shared one), on a loopback port, in a directory of its own, saving no
 * snapshot: {@link #kill() killed} (SIGKILL, a crash) and {@link #start() started} again on the same port and
 * directory. Extra arguments configure it ({@code --appendonly yes}, {@code --cluster-enabled yes}).
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/bin/redis-server";

    private final int port;
    private final List<String> extra;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, List<String> extra) {
        this.port = port;
        this.extra = extra;
        try {
            this.dir = Files.createTempDirectory("redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param extra further {@code redis-server} arguments
     * @return the started server
     */
    public static RedisServerProcess start(String... extra) {
        return start(freePort(), extra);
    }

    /**
     * Starts a server on {@code port}.
     *
     * @param port the port, free (see {@link #freePort(int, int)})
     * @param extra further {@code redis-server} arguments
     * @return the started server
     */
    public static RedisServerProcess start(int port, String... extra) {
        RedisServerProcess server = new RedisServerProcess(port, List.of(extra));
        server.start();
        return server;
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Its working directory (AOF, cluster config, {@code redis.log}).
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * Starts the process (again, after {@link #kill()}) and returns once it answers PING.
     *
     * @throws AssertionError if it does not answer within 10 seconds
     */
    public void start() {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(extra);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + EXECUTABLE, e);
        }
        Poll.until(Duration.ofSeconds(10), "redis-server answers on " + port, () -> {
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                return "PONG".equals(client.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** SIGKILL: the process dies at once, nothing is saved beyond what an AOF already holds. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many keys the server holds.
     *
     * @return the key count
     */
    public long keyCount() {
        try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
            return client.dbSize();
        }
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free loopback port in [from, to) whose cluster bus port (+10000) is free too.
     *
     * @param from the lowest port
     * @param to above the highest port
     * @return the port
     * @throws IllegalStateException if 200 tries found none
     */
    public static int freePort(int from, int to) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to);
            if (free(port) && (port + 10000 > 65535 || free(port + 10000))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + from + "-" + to);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
