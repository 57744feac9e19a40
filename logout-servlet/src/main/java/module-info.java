/**
 * The Jakarta Servlet adapter: logout endpoint, session and bearer guards, device list, RFC 7009 revocation.
 */
module dev.securelogout.servlet {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive jakarta.servlet;
    requires org.slf4j;

    exports dev.securelogout.servlet;
}
