package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.tck.http.HttpApp;
import org.springframework.context.ConfigurableApplicationContext;

/** One node of the Spring example for a test class: started on a free port, stopped at the end. */
final class SpringNode implements AutoCloseable {

    final ConfigurableApplicationContext context;

    /** Starts a node with {@code config} (port 0). */
    SpringNode(AppConfig config) {
        this.context = SpringExampleApp.start(config);
    }

    /** The node as the HTTP contract suites see it: on 127.0.0.1 with the demo users. */
    HttpApp http() {
        return HttpApp.onLoopback(SpringExampleApp.port(context));
    }

    @Override
    public void close() {
        context.close();
    }
}
