package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.examples.Chromium;
import dev.securelogout.examples.TwoProfilesContract;
import dev.securelogout.servlet.SessionEventStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The Spring example in headless Chromium (Debian's chromium and chromedriver, driven by the servlet
 * example's {@link Chromium}): two browser profiles signed in as one user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT extends TwoProfilesContract {

    private SpringNode node;

    @BeforeAll
    void start() {
        node = new SpringNode(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Override
    protected String base() {
        return node.http().base().toString();
    }

    @Override
    protected int openEventStreams() {
        return node.context.getBean(SessionEventStreams.class).size();
    }
}
