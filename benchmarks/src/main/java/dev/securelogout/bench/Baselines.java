package dev.securelogout.bench;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.jwt.NimbusAccessTokenVerifier;
import dev.securelogout.redis.RedisSessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.RedisClient;

/**
 * What the per-request check is measured against: the floor of any in-process session lookup (a
 * bare {@link ConcurrentHashMap#get} by the raw id) and the part of the check that no store can
 * skip (parse the presented id, digest its secret, then the same map lookup by the digest); and
 * a plain SHA-256 of the same bytes, to show what parsing costs; one raw Redis {@code EXISTS} round trip, the floor of any check that asks Redis; and the JWT
 * verification that comes before the engine's check in the bearer guard.
 */
@State(Scope.Benchmark)
public class Baselines {

    private final ConcurrentHashMap<String, Object> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CredentialKey, Object> byKey = new ConcurrentHashMap<>();
    private String sessionId;
    private byte[] secretBytes;
    private MessageDigest sha256;
    private String redisPrefix;
    private NimbusAccessTokenVerifier verifier;
    private String token;
    private RedisClient jedis;
    private String redisKey;

    /** One entry under a real session id and under its key; one session in Redis under a fresh prefix. */
    @Setup(Level.Trial)
    public void setUp() {
        LogoutEngine engine = LogoutEngine.builder().inMemory().secretKey(Services.secret()).build();
        NewSession session = engine.startSession("bench-user", Device.unknown());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        verifier = HttpRun.verifier(secret, Clock.systemUTC());
        token = HttpRun.token(secret, engine);
        sessionId = session.id().value();
        secretBytes = sessionId.substring(sessionId.indexOf('.') + 1).getBytes(StandardCharsets.US_ASCII);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byId.put(sessionId, session.session());
        byKey.put(session.session().key(), session.session());
        String prefix = Services.randomPrefix();
        jedis = RedisClient.create(Services.redisUri());
        new RedisSessionStore(jedis, prefix, Services.PARTITIONS, Clock.systemUTC()).register(session.session(), SessionLimit.NONE);
        redisKey = Services.redisSessionKey(prefix, session.session().key());
        if (!jedis.exists(redisKey)) {
            throw new IllegalStateException("the session's Redis key is not " + redisKey);
        }
        redisPrefix = prefix;
    }

    /** Removes the Redis keys. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Services.deleteRedisKeys(jedis, redisPrefix);
        jedis.close();
    }

    /** The floor: one {@code ConcurrentHashMap.get} by the raw session id. */
    @Benchmark
    public Object chmGet() {
        return byId.get(sessionId);
    }

    /** Parse the presented id, SHA-256 its secret, look the key up: what every store's check begins with. */
    @Benchmark
    public Object parseDigestGet() {
        return byKey.get(Credential.parse(sessionId).orElseThrow().key());
    }

    /**
     * A plain JDK SHA-256 of the bytes the digest floor hashes (the id's secret part), on one reused
     * {@link MessageDigest}: the digest floor less this is what parsing and the key cost.
     */
    @Benchmark
    public byte[] sha256() {
        return sha256.digest(secretBytes);
    }

    /** The application's half of the bearer guard: verify an HS256 JWT's signature and claims (Nimbus). */
    @Benchmark
    public Optional<AccessTokenClaims> verifyJwt() {
        return verifier.verify(token);
    }

    /** One raw {@code EXISTS} of the session's key, on the same kind of client as the Redis stores. */
    @Benchmark
    public boolean redisExists() {
        return jedis.exists(redisKey);
    }
}
