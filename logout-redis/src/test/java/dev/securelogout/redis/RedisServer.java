package dev.securelogout.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.RedisClient;

/**
 * A {@code redis-server} this test owns, on a free loopback port, without persistence: started,
 * stopped (killed, so nothing is saved) and started again on the same port.
 */
final class RedisServer implements AutoCloseable {

    private final int port;
    private final List<String> extra;
    private final Path dir;
    private Process process;

    private RedisServer(int port, List<String> extra) throws IOException {
        this.port = port;
        this.extra = extra;
        this.dir = Files.createTempDirectory("redis-" + port);
    }

    static RedisServer start(int port, String... extra) throws IOException {
        RedisServer server = new RedisServer(port, List.of(extra));
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Poll.until(Duration.ofSeconds(10), () -> {
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                return "PONG".equals(client.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Kills the server: a crash, nothing saved. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** A free loopback port in [from, to) whose cluster bus port (+10000) is free too. */
    static int freePort(int from, int to) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to);
            if (free(port) && (port + 10000 > 65535 || free(port + 10000))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + from + "-" + to);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
