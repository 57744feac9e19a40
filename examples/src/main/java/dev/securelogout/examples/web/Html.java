package dev.securelogout.examples.web;

import java.util.Optional;

/**
 * The demo's pages: one layout, every dynamic value HTML-escaped. Scripts and styles are files
 * under {@code /assets/} so that the Content-Security-Policy allows no inline code.
 */
public final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page. {@code user} present marks a signed-in page: it gets the navigation and the
     * logout script; {@code body} is trusted markup built with {@link #escape}.
     */
    public static String page(String title, Optional<String> user, String body) {
        StringBuilder out = new StringBuilder(2048)
                .append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append(" · Secure logout demo</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/app.css\">\n");
        user.ifPresent(u -> out.append("<script src=\"").append(Assets.LOGOUT_SCRIPT)
                .append("\" data-storage-prefix=\"demo:\" data-events=\"/events\" data-login=\"/login?logout\" defer></script>\n"));
        out.append("</head>\n<body>\n<header class=\"bar\">\n<a class=\"brand\" href=\"/\">Secure logout demo</a>\n");
        user.ifPresent(u -> out.append("<nav><a href=\"/\">Home</a><a href=\"/sessions\">Devices</a><a href=\"/account\">Account</a>")
                .append("<span class=\"who\">").append(escape(u)).append("</span></nav>\n"));
        out.append("</header>\n<main>\n");
        user.ifPresent(u -> out.append("<p class=\"notice\" role=\"status\" data-signin-notice hidden></p>\n"));
        return out.append(body).append("\n</main>\n</body>\n</html>\n").toString();
    }

    /** A POST form holding one button, with hidden fields given as name/value pairs. */
    public static String postButton(String action, String label, String buttonClass, boolean endsSession, String... fields) {
        StringBuilder out = new StringBuilder("<form method=\"post\" action=\"").append(escape(action)).append('"');
        if (endsSession) {
            out.append(" data-logout");
        }
        out.append('>');
        for (int i = 0; i + 1 < fields.length; i += 2) {
            out.append("<input type=\"hidden\" name=\"").append(escape(fields[i])).append("\" value=\"")
                    .append(escape(fields[i + 1])).append("\">");
        }
        return out.append("<button type=\"submit\" class=\"").append(escape(buttonClass)).append("\">")
                .append(escape(label)).append("</button></form>").toString();
    }

    /**
     * The password prompt of a refused sensitive change: a card whose form sends {@code fields}
     * (name/value pairs) to {@code action} again, with the current {@code password} as the
     * re-authentication.
     *
     * @param action the path the refused request went to
     * @param fields the request's other fields, as name/value pairs
     * @return the card's markup
     */
    public static String reauthenticationPrompt(String action, String... fields) {
        StringBuilder hidden = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            hidden.append("<input type=\"hidden\" name=\"").append(escape(fields[i])).append("\" value=\"")
                    .append(escape(fields[i + 1])).append("\">");
        }
        return """
                <section class="card narrow" id="reauthenticate">
                <h1>Confirm it is you</h1>
                <p class="error" role="alert">This change needs your password: your last sign-in on this device was too long ago.</p>
                <form method="post" action="%s" class="stack">%s
                <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="256" autofocus></label>
                <button type="submit" class="primary">Confirm and continue</button>
                </form>
                </section>""".formatted(escape(action), hidden);
    }
}
