package dev.securelogout.core;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * For each {@link SecurityEvent}: whether the session that made the change survives it (rotated
 * to a new id, against fixation) while every other session and every token of the user ends.
 * Immutable.
 */
public final class SecurityEventPolicy {

    private static final Set<SecurityEvent> KEEP_BY_DEFAULT =
            EnumSet.of(SecurityEvent.PASSWORD_CHANGED, SecurityEvent.EMAIL_CHANGED, SecurityEvent.MFA_CHANGED);

    private final Map<SecurityEvent, Boolean> keepCurrent;

    private SecurityEventPolicy(Map<SecurityEvent, Boolean> keepCurrent) {
        this.keepCurrent = keepCurrent;
    }

    /**
     * The default: a password, email or MFA change keeps (and rotates) the current session; a
     * password reset, a disabled or deleted account, and a reported concern end every session.
     */
    public static SecurityEventPolicy defaults() {
        Map<SecurityEvent, Boolean> map = new EnumMap<>(SecurityEvent.class);
        for (SecurityEvent event : SecurityEvent.values()) {
            map.put(event, KEEP_BY_DEFAULT.contains(event));
        }
        return new SecurityEventPolicy(map);
    }

    /** A copy of this policy where {@code event} keeps the current session or not. */
    public SecurityEventPolicy keepCurrent(SecurityEvent event, boolean keep) {
        Map<SecurityEvent, Boolean> map = new EnumMap<>(keepCurrent);
        map.put(event, keep);
        return new SecurityEventPolicy(map);
    }

    /** Whether the current session survives {@code event}. */
    public boolean keepsCurrent(SecurityEvent event) {
        return keepCurrent.get(event);
    }

    @Override
    public String toString() {
        return "SecurityEventPolicy" + keepCurrent;
    }
}
