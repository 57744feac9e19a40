package dev.securelogout.core.cookie;

/** The {@code SameSite} attribute of a cookie. */
public enum SameSite {
    /** Sent on same-site requests only. */
    STRICT("Strict"),
    /** Sent on same-site requests and top-level cross-site navigations: the usual session choice. */
    LAX("Lax"),
    /** Sent everywhere; requires {@code Secure}. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
        this.attribute = attribute;
    }

    /**
     * The attribute value as written in {@code Set-Cookie}.
     *
     * @return the attribute value as written in {@code Set-Cookie}
     */
    public String attribute() {
        return attribute;
    }
}
