/**
 * The contract suites every store and every HTTP adapter passes, on JUnit Jupiter and the JDK's HTTP client.
 */
module dev.securelogout.tck {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive org.junit.jupiter.api;
    requires transitive java.net.http;

    exports dev.securelogout.tck;
    exports dev.securelogout.tck.http;

    // JUnit instantiates and calls the contract classes reflectively
    opens dev.securelogout.tck to org.junit.platform.commons;
    opens dev.securelogout.tck.http to org.junit.platform.commons;
}
