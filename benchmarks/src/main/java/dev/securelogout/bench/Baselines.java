package dev.securelogout.bench;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the per-request check is measured against: the floor of any in-process session lookup (a
 * bare {@link ConcurrentHashMap#get} by the raw id) and the part of the check that no store can
 * skip (parse the presented id, digest its secret, then the same map lookup by the digest).
 */
@State(Scope.Benchmark)
public class Baselines {

    private final ConcurrentHashMap<String, Object> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CredentialKey, Object> byKey = new ConcurrentHashMap<>();
    private String sessionId;

    /** One entry under a real session id and under its key. */
    @Setup(Level.Trial)
    public void setUp() {
        Credential id = Credential.generate("bench-user", new SecureRandom());
        sessionId = id.value();
        byId.put(sessionId, "session");
        byKey.put(id.key(), "session");
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
}
