package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.tck.StoreOutage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SecureLogout#login} and the container {@code HttpSession} bound to the library session, in
 * an application that keeps its user in the {@code HttpSession} and whose login page sends a
 * signed-in user home: the guard is mapped to {@code /private/*}, {@code /account/*} and the login
 * page, the device endpoints to {@code /account/*}, the logout filter to {@code /*}; {@code /visit}
 * (which starts an anonymous {@code HttpSession}) and {@code /http-session} are not guarded.
 */
class HttpSessionBindingIT {

    private static final Pattern HANDLE = Pattern.compile("\"id\":\"([A-Za-z0-9_-]{22})\",\"current\":false");

    private final StoreOutage outage = new StoreOutage();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    private LogoutEngine engine;
    private Site site;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        engine = LogoutEngine.builder()
                .sessionStore(outage.wrap(SessionStore.class, InMemoryStores.sessionStore(clock)))
                .persistentTokenStore(outage.wrap(PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)))
                .accessTokenDenylist(outage.wrap(AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)))
                .tokenVersionStore(outage.wrap(TokenVersionStore.class, InMemoryStores.tokenVersionStore()))
                .build();
        site = Site.start(s -> {
            s.configure(context -> context.getSessionHandler().addEventListener(new HttpSessionListener() {
                @Override
                public void sessionDestroyed(HttpSessionEvent event) {
                    destroyed.add(event.getSession().getId());
                }
            }));
            s.filter(new LogoutFilter(engine, LogoutConfig.defaults()), "/*");
            SessionGuardFilter guard = new SessionGuardFilter(engine, LogoutConfig.defaults());
            s.filter(guard, "/private/*");
            s.filter(guard, "/account/*");
            s.filter(guard, "/login");
            s.filter(new SessionEndpointsFilter(engine, LogoutConfig.defaults()), "/account/*");
            s.servlet(new Login(engine), "/login");
            s.servlet(new Visit(), "/visit");
            s.servlet(new ShowHttpSession(), "/http-session");
            s.servlet(Site.ECHO, "/*");
        });
    }

    @AfterEach
    void stop() {
        site.close();
        engine.close();
    }

    @Test
    void loginRotatesTheContainerIdBindsItWritesTheCookieAndMarksTheRequest() {
        Browser browser = site.browser();
        String anonymous = browser.get("/visit").body();
        HttpResponse<String> login = browser.post("/login?user=alice");
        assertEquals(303, login.statusCode());
        assertTrue(browser.cookies.containsKey(engine.sessionCookie().name()), browser.cookies::toString);
        assertEquals("alice", login.headers().firstValue("X-Signed-In-As").orElse(null), "SecureLogout.session after login");
        String after = browser.get("/http-session").body();
        assertTrue(after.contains("user=alice"), after);
        assertTrue(after.matches("(?s).*boundSession=[A-Za-z0-9_-]{22}.*"), after);
        assertNotEquals(id(anonymous), id(after), "the container session id changed at login");
    }

    @Test
    void aLoginTheStoreCannotTakeIs503WithNothingHalfDone() {
        Browser browser = site.browser();
        String anonymous = browser.get("/visit").body();
        outage.down(true);
        HttpResponse<String> login = browser.post("/login?user=alice");
        outage.down(false);
        assertEquals(503, login.statusCode());
        assertEquals(List.of(), login.headers().allValues("Set-Cookie"), "no cookie");
        assertEquals(anonymous, browser.get("/http-session").body(), "the same container session, no attribute left");
        assertTrue(anonymous.endsWith("attributes=[]"), anonymous);
        assertFalse(browser.cookies.containsKey(engine.sessionCookie().name()));
    }

    /** The judged case: the other device's HttpSession ends with its library session, and its login page renders. */
    @Test
    void loggingOutEverywhereElseInvalidatesTheOtherDevicesHttpSessionAndItsLoginPageRenders() {
        Browser laptop = site.browser();
        Browser phone = site.browser();
        assertEquals(303, laptop.post("/login?user=alice").statusCode());
        assertEquals(303, phone.post("/login?user=alice").statusCode());
        String phoneSession = id(phone.get("/http-session").body());
        HttpResponse<String> alreadySignedIn = phone.get("/login");
        assertEquals(303, alreadySignedIn.statusCode(), "the application's own check: signed in, go home");

        HttpResponse<String> everywhereElse = laptop.post("/account/logout-everywhere?keepCurrent=true");
        assertEquals(303, everywhereElse.statusCode());

        HttpResponse<String> loginPage = phone.get("/login");
        assertEquals(200, loginPage.statusCode(), "no redirect loop: " + loginPage.headers().map());
        assertEquals("sign in", loginPage.body());
        assertTrue(destroyed.contains(phoneSession), "the phone's HttpSession was invalidated");
        assertEquals(303, phone.get("/private").statusCode());
        String laptopNow = laptop.get("/http-session").body();
        assertTrue(laptopNow.contains("user=alice"), "the laptop keeps its HttpSession: " + laptopNow);
    }

    @Test
    void revokingTheOtherDeviceInvalidatesItsHttpSessionOnItsNextGuardedRequest() {
        Browser laptop = site.browser();
        Browser phone = site.browser();
        assertEquals(303, laptop.post("/login?user=alice").statusCode());
        assertEquals(303, phone.post("/login?user=alice").statusCode());
        String phoneSession = id(phone.get("/http-session").body());
        Matcher other = HANDLE.matcher(laptop.send("GET", "/account/sessions").body());
        assertTrue(other.find(), "the phone in the laptop's device list");
        assertEquals(303, laptop.post("/account/sessions/" + other.group(1) + "/revoke").statusCode());

        HttpResponse<String> page = phone.get("/private");
        assertEquals(303, page.statusCode());
        assertEquals(Optional.of("/login"), page.headers().firstValue("Location"));
        assertTrue(destroyed.contains(phoneSession), "the phone's HttpSession was invalidated");
        assertEquals(200, phone.get("/login").statusCode());
    }

    @Test
    void logoutDeletesTheContainersSessionCookie() {
        Browser browser = site.browser();
        assertEquals(303, browser.post("/login?user=alice").statusCode());
        String httpSession = id(browser.get("/http-session").body());
        assertTrue(browser.cookies.containsKey("JSESSIONID"), browser.cookies::toString);
        HttpResponse<String> logout = browser.post("/logout");
        assertEquals(303, logout.statusCode());
        assertTrue(logout.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("JSESSIONID=;") && c.contains("Path=/") && c.contains("Max-Age=0")),
                () -> logout.headers().allValues("Set-Cookie").toString());
        assertFalse(browser.cookies.containsKey("JSESSIONID"), browser.cookies::toString);
        assertTrue(destroyed.contains(httpSession));
    }

    private static String id(String report) {
        return report.substring(report.indexOf("id=") + 3, report.indexOf(' '));
    }

    /** The application's login: signs in {@code ?user}, keeps the user in the HttpSession; a signed-in user is sent home. */
    private static final class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient LogoutEngine engine;

        Login(LogoutEngine engine) {
            this.engine = engine;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute("user") != null) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", "/");
                return;
            }
            response.getWriter().write("sign in");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            HttpSession session = request.getSession(true);
            try {
                SecureLogout.login(engine, request, response, request.getParameter("user"));
            } catch (StoreException e) {
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            session.setAttribute("user", request.getParameter("user"));
            SecureLogout.session(request).ifPresent(s -> response.setHeader("X-Signed-In-As", s.userId()));
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", "/");
        }
    }

    /** Creates an anonymous HttpSession, as a shop's cart would; reports it like {@link ShowHttpSession}. */
    private static final class Visit extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true);
            ShowHttpSession.report(request, response);
        }
    }

    /** {@code id=<id> user=<user> boundSession=<handle> attributes=[names]}, or {@code none}. */
    private static final class ShowHttpSession extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            report(request, response);
        }

        static void report(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpSession session = request.getSession(false);
            response.getWriter().write(session == null ? "none" : "id=" + session.getId() + " user=" + session.getAttribute("user")
                    + " boundSession=" + session.getAttribute(SecureLogout.BOUND_SESSION_ATTRIBUTE)
                    + " attributes=" + Collections.list(session.getAttributeNames()).stream().sorted().toList());
        }
    }
}
