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
    // the builders of the other library modules take each setting once as core's do, through the one SetOnce,
    // and the Redis near cache runs on the AdvancingTicker (logout-oidc is an automatic module: its Automatic-Module-Name)
    exports dev.securelogout.core.internal to dev.securelogout.jwt, dev.securelogout.oidc, dev.securelogout.redis,
            dev.securelogout.servlet, dev.securelogout.spring.security;
}
