package dev.securelogout.examples;

import dev.securelogout.examples.oidc.OidcSettings;
import dev.securelogout.tck.http.HttpApp;
import java.util.Optional;

/** One node of the example app for a test class: started on a free port, stopped at the end. */
final class RunningApp implements AutoCloseable {

    final ExampleApp app = new ExampleApp();
    final int port;

    /** Starts a node with {@code config} (port 0). */
    RunningApp(AppConfig config) throws Exception {
        this(config, PolicyConfig.defaults(), Optional.empty());
    }

    /** Starts a node with {@code config} (port 0) and {@code policy}. */
    RunningApp(AppConfig config, PolicyConfig policy) throws Exception {
        this(config, policy, Optional.empty());
    }

    /** Starts a node with {@code config} (port 0) that signs in through the provider of {@code oidc} too, when given. */
    RunningApp(AppConfig config, Optional<OidcSettings> oidc) throws Exception {
        this(config, PolicyConfig.defaults(), oidc);
    }

    private RunningApp(AppConfig config, PolicyConfig policy, Optional<OidcSettings> oidc) throws Exception {
        this.port = app.start(config, policy, oidc);
    }

    /** The node as the HTTP contract suites see it: on 127.0.0.1 with the demo users. */
    HttpApp http() {
        return HttpApp.onLoopback(port);
    }

    @Override
    public void close() {
        app.stop();
    }
}
