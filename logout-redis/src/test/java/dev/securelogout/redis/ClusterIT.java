package dev.securelogout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.testkit.services.RedisServerProcess;
import dev.securelogout.testkit.services.Services;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A 3-master Redis Cluster on loopback ports this test starts (and kills): every store contract,
 * strict and behind a near cache, and the stores working across slots.
 */
class ClusterIT extends ContractSuites {

    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final List<RedisServerProcess> SERVERS = new ArrayList<>();
    private static final String PREFIX = Services.randomPrefix("tst-");
    private static RedisClusterClient cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = RedisServerProcess.freePort(30000, 30999);
            RedisServerProcess server = RedisServerProcess.start(port, "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "2000");
            SERVERS.add(server);
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process process = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(SERVERS.get(0).dir().resolve("create.log").toFile()).start();
        assertEquals(0, process.waitFor(), "redis-cli --cluster create");
        for (RedisServerProcess server : SERVERS) {
            Poll.until(Duration.ofSeconds(20), () -> {
                try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
                    byte[] info = (byte[]) client.sendCommand(Protocol.Command.CLUSTER, "INFO");
                    return new String(info, StandardCharsets.UTF_8).contains("cluster_state:ok");
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        cluster = RedisClusterClient.create(new HostAndPort("127.0.0.1", SERVERS.get(0).port()));
    }

    @Override
    UnifiedJedis jedis() {
        return cluster;
    }

    @Override
    UnifiedJedis newSubscriptionClient() {
        return RedisClusterClient.create(new HostAndPort("127.0.0.1", SERVERS.get(1).port()));
    }

    @Override
    String prefix() {
        return PREFIX;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        SERVERS.forEach(RedisServerProcess::close);
    }

    @Test
    @DisplayName("logout everywhere works for many users whose keys live on every master")
    void logoutEverywhereAcrossSlots() {
        MutableClock clock = MutableClock.startingNow();
        try (Node node1 = new Node(cluster, RedisClusterClient.create(new HostAndPort("127.0.0.1", SERVERS.get(1).port())),
                "c", clock, true);
             Node node2 = new Node(cluster, RedisClusterClient.create(new HostAndPort("127.0.0.1", SERVERS.get(2).port())),
                     "c", clock, true)) {
            Set<Integer> slots = new HashSet<>();
            List<List<NewSession>> sessions = new ArrayList<>();
            List<AccessTokenClaims> claims = new ArrayList<>();
            for (int u = 0; u < 60; u++) {
                String user = "user-" + u + "-" + UUID.randomUUID();
                List<NewSession> own = new ArrayList<>();
                for (int s = 0; s < 3; s++) {
                    own.add((s % 2 == 0 ? node1 : node2).engine.startSession(user, DEVICE));
                }
                slots.add(JedisClusterCRC16.getSlot("{" + own.get(0).session().key().partition() + "}"));
                sessions.add(own);
                claims.add(new AccessTokenClaims(new AccessTokenId("", UUID.randomUUID().toString()), user,
                        clock.instant().minusSeconds(1), clock.instant().plusSeconds(600), OptionalLong.empty()));
                assertEquals(3, node2.engine.sessionsOf(own.get(0).session()).size());
            }
            assertTrue(slots.size() > 50, "users spread over slots: " + slots.size());

            for (List<NewSession> own : sessions) {
                node1.engine.logoutEverywhere(own.get(0).session(), true, DEVICE);
            }
            for (int u = 0; u < sessions.size(); u++) {
                List<NewSession> own = sessions.get(u);
                assertEquals(SessionCheck.Status.ACTIVE, node2.engine.check(own.get(0).id().value()).status(), "kept");
                assertEquals(SessionCheck.Status.INVALID, node2.engine.check(own.get(1).id().value()).status());
                assertEquals(SessionCheck.Status.INVALID, node2.engine.check(own.get(2).id().value()).status());
                assertEquals(1, node2.engine.sessionsOf(own.get(0).session()).size());
                assertEquals(AccessTokenStatus.REVOKED, node2.engine.checkAccessToken(claims.get(u)));
            }
        }
    }
}
