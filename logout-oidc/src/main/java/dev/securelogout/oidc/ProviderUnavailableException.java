package dev.securelogout.oidc;

/** The identity provider cannot be reached or did not answer as it must; the request can be tried again later. */
public final class ProviderUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message that names no secret.
     *
     * @param message what failed
     */
    public ProviderUnavailableException(String message) {
        super(message);
    }
}
