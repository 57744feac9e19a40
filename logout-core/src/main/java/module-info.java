/**
 * The engine, its values and the SPIs stores implement: framework-free, on slf4j-api and Caffeine only.
 */
module dev.securelogout.core {
    requires transitive org.jspecify;
    requires org.slf4j;
    requires com.github.benmanes.caffeine;

    exports dev.securelogout.core;
    exports dev.securelogout.core.spi;
    exports dev.securelogout.core.session;
    exports dev.securelogout.core.token;
    exports dev.securelogout.core.credential;
    exports dev.securelogout.core.event;
    exports dev.securelogout.core.cookie;
    exports dev.securelogout.core.memory;
    exports dev.securelogout.core.monitor;
    exports dev.securelogout.core.throttle;
}
