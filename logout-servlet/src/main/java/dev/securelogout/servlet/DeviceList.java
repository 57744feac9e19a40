package dev.securelogout.servlet;

import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.PersistentToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON device list of one user, as {@link SessionEndpointsFilter} and {@link AdminEndpointsFilter}
 * answer it: the sessions, most recently active first, then the API clients. Each entry:
 * {@code id} (the public handle, or an API client's family id; never a secret), {@code current},
 * {@code createdAt}, {@code lastActiveAt}, {@code browser}, {@code os}, {@code ip} (where it
 * signed in), {@code apiClient} and {@code lastSeenIp}.
 */
final class DeviceList {

    private DeviceList() {
    }

    /** The list, {@code current} naming the handle of the caller's own session when there is one. */
    static String json(List<Session> sessions, List<PersistentToken> apiClients, Optional<String> current) {
        StringBuilder json = new StringBuilder("[");
        for (Session s : sessions) {
            entry(json, s.handle(), current.filter(s.handle()::equals).isPresent(), false, s.createdAt(), s.lastActiveAt(),
                    s.device(), s.lastSeenIp());
        }
        for (PersistentToken t : apiClients) {
            entry(json, t.familyId(), false, true, t.familyIssuedAt(), t.issuedAt(), t.device(), t.device().ip());
        }
        return json.append(']').toString();
    }

    private static void entry(StringBuilder json, String id, boolean current, boolean apiClient, Instant createdAt,
                              Instant lastActiveAt, Device device, String lastSeenIp) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append("{\"id\":").append(Json.string(id))
                .append(",\"current\":").append(current)
                .append(",\"createdAt\":").append(Json.string(createdAt.toString()))
                .append(",\"lastActiveAt\":").append(Json.string(lastActiveAt.toString()))
                .append(",\"browser\":").append(Json.string(device.browser()))
                .append(",\"os\":").append(Json.string(device.os()))
                .append(",\"ip\":").append(Json.string(device.ip()))
                .append(",\"apiClient\":").append(apiClient)
                .append(",\"lastSeenIp\":").append(Json.string(lastSeenIp))
                .append('}');
    }
}
