/**
 * An access-token verifier and a short-lived issuer on Nimbus JOSE+JWT.
 */
module dev.securelogout.jwt {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive com.nimbusds.jose.jwt;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.securelogout.jwt;
}
