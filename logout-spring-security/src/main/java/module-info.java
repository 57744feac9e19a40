/**
 * Spring Security's extension points over the engine: the store-backed security context, logout,
 * remember-me, the session registry and the {@code http.with(secureLogout(), ...)} configurer.
 */
module dev.securelogout.spring.security {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive dev.securelogout.servlet;
    requires transitive spring.security.config;
    requires transitive spring.security.core;
    requires transitive spring.security.web;
    requires spring.context;
    requires spring.web;
    requires spring.beans;
    requires spring.core;

    exports dev.securelogout.spring.security;
}
