package dev.securelogout.core.event;

import dev.securelogout.core.session.Device;
import java.util.Objects;

/**
 * Tells a user's live clients that the user just signed in on a device, so that a sign-in that
 * was not theirs shows at once on the pages they have open. Names the new session by its public
 * handle only (its own pages are not told), with what the device list shows of it.
 *
 * @param userId  whose sign-in
 * @param handle  the new session's public handle
 * @param browser the device's browser, as recognised from its User-Agent
 * @param os      the device's operating system
 * @param ip      the address it signed in from
 */
public record SignInNotice(String userId, String handle, String browser, String os, String ip) {

    /**
     * Checks presence.
     *
     * @param userId  whose sign-in
     * @param handle  the new session's public handle
     * @param browser the device's browser
     * @param os      the device's operating system
     * @param ip      the address it signed in from
     */
    public SignInNotice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(ip, "ip");
    }

    /**
     * The notice of {@code userId}'s new session {@code handle} on {@code device}.
     *
     * @param userId whose sign-in
     * @param handle the new session's handle
     * @param device the device it signed in on
     * @return the notice
     */
    public static SignInNotice of(String userId, String handle, Device device) {
        return new SignInNotice(userId, handle, device.browser(), device.os(), device.ip());
    }
}
