package dev.securelogout.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.RedisClient;

/**
 * A {@code redis-server} this test owns, on a free loopback port: killed with SIGKILL (a crash)
 * and started again on the same port and directory. With {@code appendOnly} every write is fsynced
 * to an AOF before it is acknowledged, so a crash loses nothing; without it a crash loses every key.
 */
final class OwnRedis implements AutoCloseable {

    private final int port;
    private final boolean appendOnly;
    private final Path dir;
    private Process process;

    OwnRedis(boolean appendOnly) {
        this.appendOnly = appendOnly;
        this.port = freePort();
        try {
            this.dir = Files.createTempDirectory("reliability-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    int port() {
        return port;
    }

    boolean appendOnly() {
        return appendOnly;
    }

    /** Starts the server and returns once it answers PING. */
    void start() {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--daemonize", "no", "--dir", dir.toString(),
                "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until(java.time.Duration.ofSeconds(10), "redis-server answers on " + port, () -> {
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                return "PONG".equals(client.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** SIGKILL: the process dies at once, nothing is flushed beyond what the AOF already holds. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many keys the server holds. */
    long keyCount() {
        try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
            return client.dbSize();
        }
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
