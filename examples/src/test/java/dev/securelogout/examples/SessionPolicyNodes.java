package dev.securelogout.examples;

import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.servlet.TrustedProxies;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.SessionPolicyContract;
import java.time.Duration;
import java.util.List;

/** The policy {@link SessionPolicyContract} needs, and two nodes of one configuration running it. */
final class SessionPolicyNodes implements AutoCloseable {

    /** {@code MAX_SESSIONS_PER_USER=2}, evict-oldest, {@code REAUTH_WINDOW=2}, {@code TRUSTED_PROXIES=127.0.0.2}. */
    static final PolicyConfig POLICY = new PolicyConfig(SessionLimit.evictingBeyond(SessionPolicyContract.MAX_SESSIONS),
            Duration.ofSeconds(SessionPolicyContract.REAUTH_WINDOW_SECONDS), TrustedProxies.parse(SessionPolicyContract.TRUSTED_PROXY));

    private final RunningApp first;
    private final RunningApp second;

    /** Starts two nodes of {@code config} with {@link #POLICY}. */
    SessionPolicyNodes(AppConfig config) throws Exception {
        first = new RunningApp(config, POLICY);
        try {
            second = new RunningApp(config, POLICY);
        } catch (Exception e) {
            first.close();
            throw e;
        }
    }

    /** The two nodes as the contract sees them. */
    List<HttpApp> http() {
        return List.of(first.http(), second.http());
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
