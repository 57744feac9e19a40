package dev.securelogout.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.MACProvider;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns a configured key into a Nimbus signer or verifier, refusing weak keys, and tells which JWS
 * algorithms the key fits: an HMAC secret fits only HS* (as long as it is long enough), an RSA key
 * only RS* and PS*, an EC key only the ES* of its curve. Stateless.
 */
final class Keys {

    /** The shortest HMAC secret accepted: 256 bits, what HS256 requires. */
    static final int MIN_SECRET_BYTES = 32;
    /** The smallest RSA modulus accepted. */
    static final int MIN_RSA_BITS = 2048;

    /** The algorithm a key uses when none is chosen: the first of these it fits. */
    private static final List<JWSAlgorithm> DEFAULTS = List.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private Keys() {
    }

    static JWSVerifier verifier(byte[] secret) {
        try {
            return new MACVerifier(checkedSecret(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HMAC secret: " + e.getMessage(), e);
        }
    }

    static JWSVerifier verifier(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSASSAVerifier(checkedSize(rsa));
        }
        if (key instanceof ECPublicKey ec) {
            try {
                return new ECDSAVerifier(ec);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unsupported EC key: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("only RSA and EC public keys are supported, not " + key.getAlgorithm());
    }

    static JWSSigner signer(byte[] secret) {
        try {
            return new MACSigner(checkedSecret(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HMAC secret: " + e.getMessage(), e);
        }
    }

    static JWSSigner signer(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            return new RSASSASigner(checkedSize(rsa));
        }
        if (key instanceof ECPrivateKey ec) {
            try {
                return new ECDSASigner(ec);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unsupported EC key: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("only RSA and EC private keys are supported, not " + key.getAlgorithm());
    }

    /** The algorithms the provider's key fits. */
    static Set<JWSAlgorithm> fitting(JWSProvider provider) {
        if (provider instanceof MACProvider mac) {
            return MACProvider.getCompatibleAlgorithms(mac.getSecret().length * 8);
        }
        return provider.supportedJWSAlgorithms();
    }

    /** The algorithm used when none is chosen. */
    static JWSAlgorithm defaultAlgorithm(Set<JWSAlgorithm> fitting) {
        return DEFAULTS.stream().filter(fitting::contains).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no supported algorithm fits the key: " + fitting));
    }

    /**
     * Checks that every chosen algorithm fits the key.
     *
     * @throws IllegalArgumentException naming the first that does not
     */
    static void requireFit(Set<JWSAlgorithm> fitting, Collection<JWSAlgorithm> chosen) {
        for (JWSAlgorithm algorithm : chosen) {
            if (!fitting.contains(algorithm)) {
                throw new IllegalArgumentException(algorithm + " does not fit the configured key, which fits " + fitting);
            }
        }
    }

    private static byte[] checkedSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HMAC secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        return Arrays.copyOf(secret, secret.length);
    }

    private static <K extends RSAKey> K checkedSize(K key) {
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("an RSA key needs at least " + MIN_RSA_BITS + " bits");
        }
        return key;
    }
}
