package dev.securelogout.examples.account;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.SecurityEvent;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.auth.Users;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Account changes, behind the session guard. {@code GET /account} shows the forms.
 * {@code POST /account/password} ({@code currentPassword}, {@code newPassword}) and
 * {@code POST /account/email} ({@code email}) end every other session and every token of the
 * user and keep this session under a new id; {@code POST /account/report-concern} ends them all,
 * this one included. Invalid input is 400 and changes nothing. An email change needs an
 * authentication within the re-authentication window ({@code REAUTH_WINDOW}): the current
 * {@code password} field renews it (logout-servlet's {@code ReauthenticationFilter}); without it
 * the answer is 403 ({@code {"error": "reauthentication_required"}}, or the page with the password
 * prompt) and nothing changes. A password change proves the current password itself. Thread-safe.
 */
public final class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;
    private final transient Users users;

    /** The account endpoints over {@code engine} and {@code users}. */
    public AccountServlet(LogoutEngine engine, Users users) {
        this.engine = engine;
        this.users = users;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null) {
            response.setHeader("Allow", "POST");
            Http.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed");
            return;
        }
        String done = switch (Http.param(request, "changed")) {
            case "password" -> "Your password was changed. Every other device was signed out.";
            case "email" -> "Your email address was changed. Every other device was signed out.";
            default -> "";
        };
        page(request, response, HttpServletResponse.SC_OK, done.isEmpty() ? "" : "<p class=\"notice\" role=\"status\">" + done + "</p>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Session session = Http.session(request);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/password" -> {
                if (!users.changePassword(session.userId(), Http.param(request, "currentPassword"), Http.param(request, "newPassword"))) {
                    refuse(request, response, "The current password is wrong, or the new one has fewer than "
                            + Users.MIN_PASSWORD + " characters.");
                    return;
                }
                changed(request, response, SecurityEvent.PASSWORD_CHANGED, "password");
            }
            case "/email" -> {
                if (!engine.isRecentlyAuthenticated(session)) {
                    Http.reauthenticationRequired(request, response, () -> page(session,
                            "<p class=\"error\" role=\"alert\">Confirm your password to change your email address: "
                                    + "your last sign-in on this device was too long ago.</p>"));
                    return;
                }
                if (!users.changeEmail(session.userId(), Http.param(request, "email").strip())) {
                    refuse(request, response, "That does not look like an email address.");
                    return;
                }
                changed(request, response, SecurityEvent.EMAIL_CHANGED, "email");
            }
            case "/report-concern" -> {
                LogoutOutcome outcome = engine.onSecurityEvent(SecurityEvent.CONCERN_REPORTED, session.userId(),
                        Optional.of(session), Http.device(request));
                leave(request, response, outcome);
            }
            default -> Http.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
        }
    }

    /** Applies {@code event}: the others end, this session continues under the replacement id. */
    private void changed(HttpServletRequest request, HttpServletResponse response, SecurityEvent event, String what)
            throws IOException {
        Session session = Http.session(request);
        LogoutOutcome outcome = engine.onSecurityEvent(event, session.userId(), Optional.of(session), Http.device(request));
        if (outcome.replacement().isEmpty()) {
            // the current session could not be kept: the browser is logged out like the others
            LogoutRequest logout = LogoutRequest.from(Http.device(request)).withSession(session);
            leave(request, response, engine.logout(Http.cookie(request, engine.rememberMeCookie().name())
                    .map(logout::withRememberMe).orElse(logout)));
            return;
        }
        Http.instruct(response, outcome.client());
        if (outcome.serverSideFailed()) {
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        } else if (Http.wantsJson(request)) {
            Http.json(response, HttpServletResponse.SC_OK, Map.of("changed", what));
        } else {
            Http.seeOther(response, "/account?changed=" + what);
        }
    }

    /**
     * Clears the client as {@code outcome} says and sends a browser to the login page whatever
     * happened (as logout-servlet's LogoutFilter does); a JSON client gets 204, or 503 when a
     * server-side step failed.
     */
    private static void leave(HttpServletRequest request, HttpServletResponse response, LogoutOutcome outcome)
            throws IOException {
        Http.instruct(response, outcome.client());
        if (Http.wantsJson(request) && outcome.serverSideFailed()) {
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        } else if (Http.wantsJson(request)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            Http.seeOther(response, outcome.redirectTo());
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        if (Http.wantsJson(request)) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_input");
        } else {
            page(request, response, HttpServletResponse.SC_BAD_REQUEST, "<p class=\"error\" role=\"alert\">" + Html.escape(message) + "</p>");
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        Http.html(response, status, page(Http.session(request), message));
    }

    private String page(Session session, String message) {
        String reauthenticate = engine.isRecentlyAuthenticated(session) ? "" : """
                <label>Current password <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>""";
        String body = """
                <section class="card">
                <h1>Account</h1>
                %s
                <p>Each change below signs you out on every other device and revokes every token.</p>
                <div class="grid">
                <form method="post" action="/account/password" class="stack">
                <h2>Change password</h2>
                <label>Current password <input name="currentPassword" type="password" autocomplete="current-password" required maxlength="256"></label>
                <label>New password <input name="newPassword" type="password" autocomplete="new-password" required minlength="%d" maxlength="256"></label>
                <button type="submit" class="primary">Change password</button>
                </form>
                <form method="post" action="/account/email" class="stack">
                <h2>Change email</h2>
                <label>Email <input name="email" type="email" autocomplete="email" required maxlength="254" value="%s"></label>%s
                <button type="submit" class="primary">Change email</button>
                </form>
                </div>
                <h2>Something wrong?</h2>
                <p>If you see activity that was not you, report it: every session ends, this one too.</p>
                %s
                </section>""".formatted(message, Users.MIN_PASSWORD, Html.escape(users.email(session.userId())), reauthenticate,
                Html.postButton("/account/report-concern", "Report a security concern", "danger", true));
        return Html.page("Account", Optional.of(session.userId()), body);
    }
}
