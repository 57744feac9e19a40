package dev.securelogout.examples.home;

import dev.securelogout.core.session.Session;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code GET /} (behind the session guard): names the user and offers both logouts. Stateless. */
public final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/".equals(request.getRequestURI())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Session session = Http.session(request);
        String user = Html.escape(session.userId());
        String body = """
                <section class="card">
                <h1>Hello, <span id="user">%s</span></h1>
                <p>You are signed in on this device (%s on %s). This page is served with
                <code>Cache-Control: no-store</code>, so after logout the back button cannot show it again.</p>
                <div class="actions">
                %s
                %s
                </div>
                <ul class="links">
                <li><a href="/sessions">Your devices</a>: where you are signed in, and how to sign one out.</li>
                <li><a href="/account">Account</a>: change your password or email, or report a concern.</li>
                </ul>
                </section>""".formatted(user, Html.escape(session.device().browser()), Html.escape(session.device().os()),
                Html.postButton("/logout", "Log out", "primary", true),
                Html.postButton("/logout/everywhere", "Log out everywhere", "danger", true, "keepCurrent", "false"));
        Http.html(response, HttpServletResponse.SC_OK, Html.page("Home", Optional.of(session.userId()), body));
    }
}
