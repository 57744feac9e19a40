package dev.securelogout.bench;

import static dev.securelogout.spring.security.SecureLogoutConfigurer.secureLogout;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Spring adapter's cost: the Boot example's set-up (Spring Security's form login with
 * {@code .with(secureLogout(), …)}, the starter's engine on the in-memory store) against the same
 * application with Spring Security's stock {@code HttpSession} login, both on Boot's embedded Tomcat
 * in this JVM (127.0.0.1, port 0), each logged in once; then {@code wrk} against the same guarded
 * servlet of each in rotating rounds, as {@link HttpRun} does.
 */
final class SpringRun {

    static final String TITLE = "Spring adapter";
    private static final String USER = "bench-user";
    private static final String PASSWORD = "bench-password-not-secret";
    private static final String PAGE = "/page";
    private static final String STOCK = "stock `HttpSession` login";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private SpringRun() {
    }

    static Section run(Settings settings) throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none"); // slf4j-simple logs, not Boot's Logback
        int rounds = settings.quick() ? 3 : 5;
        int seconds = settings.quick() ? 5 : 10;
        int connections = 16;
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        try (ConfigurableApplicationContext library = start(LibraryApp.class, Map.of("securelogout.store", "memory",
                "securelogout.secret", new String(Services.secret(), StandardCharsets.UTF_8)));
             ConfigurableApplicationContext stock = start(StockApp.class, Map.of("spring.autoconfigure.exclude",
                     "dev.securelogout.spring.boot.autoconfigure.SecureLogoutAutoConfiguration"))) {
            Map<String, URI> bases = new LinkedHashMap<>();
            bases.put("library (`secureLogout()`)", base(library));
            bases.put(STOCK, base(stock));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, URI> app : bases.entrySet()) {
                headers.put(app.getKey(), List.of("Cookie: " + login(app.getValue())));
                HttpRun.expectAdmitted(app.getValue(), PAGE, headers.get(app.getKey()));
            }
            List<String> names = new ArrayList<>(bases.keySet());
            for (int warm = 0; warm < 2; warm++) { // both apps' code compiled before the first timed round, in turn
                for (String name : names) {
                    HttpRun.wrk(bases.get(name), PAGE, headers.get(name), seconds, connections);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + round) % names.size());
                    double[] figures = HttpRun.wrk(bases.get(name), PAGE, headers.get(name), seconds, connections);
                    samples.computeIfAbsent(name, n -> new ArrayList<>()).add(figures);
                    System.out.printf(Locale.ROOT, "  %-30s %9.0f req/s  p50 %.3f ms  p99 %.3f ms%n", name, figures[0], figures[1], figures[2]);
                }
            }
            for (Map.Entry<String, URI> app : bases.entrySet()) {
                HttpRun.expectAdmitted(app.getValue(), PAGE, headers.get(app.getKey()));
            }
        }
        return report(samples, rounds, seconds, connections);
    }

    private static ConfigurableApplicationContext start(Class<?> app, Map<String, Object> extra) {
        SpringApplication application = new SpringApplication(app);
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("server.address", "127.0.0.1", "server.port", 0,
                "spring.main.banner-mode", "off"));
        properties.putAll(extra);
        application.setDefaultProperties(properties);
        return application.run();
    }

    private static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /**
     * Logs in through the form (the login page first, for the stock chain's CSRF token and cookie)
     * and returns the Cookie header value the login left.
     */
    private static String login(URI base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        keep(page, cookies);
        Matcher csrf = CSRF.matcher(page.body());
        String form = "username=" + USER + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
        HttpRequest.Builder post = HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base.toString())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString(form));
        if (!cookies.isEmpty()) {
            post.header("Cookie", header(cookies));
        }
        HttpResponse<String> answer = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 3 && answer.statusCode() != 200) {
            throw new IllegalStateException("the login at " + base + " answered " + answer.statusCode() + " " + answer.body());
        }
        keep(answer, cookies);
        return header(cookies);
    }

    private static void keep(HttpResponse<?> response, Map<String, String> cookies) {
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    private static String header(Map<String, String> cookies) {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("; ", pairs);
    }

    /** The same user and page in both applications. */
    private abstract static class Common {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
        }

        @Bean
        ServletRegistrationBean<HttpServlet> page() {
            return new ServletRegistrationBean<>(new Page(), PAGE);
        }
    }

    /** The Boot example's set-up: form login with the library in charge of sessions. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LibraryApp extends Common {

        @Bean
        SecurityFilterChain web(HttpSecurity http) {
            return http.authorizeHttpRequests(pages -> pages.requestMatchers(PAGE).authenticated().anyRequest().permitAll())
                    .formLogin(form -> { })
                    .with(secureLogout(), logout -> { })
                    .build();
        }
    }

    /** The same application with Spring Security's stock form login and {@code HttpSession}. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class StockApp extends Common {

        @Bean
        SecurityFilterChain web(HttpSecurity http) {
            return http.authorizeHttpRequests(pages -> pages.requestMatchers(PAGE).authenticated().anyRequest().permitAll())
                    .formLogin(form -> { })
                    .build();
        }
    }

    /** The user the chain admitted, as text. */
    private static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(request.getUserPrincipal().getName().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Section report(Map<String, List<double[]>> samples, int rounds, int seconds, int connections) {
        StringBuilder md = new StringBuilder();
        md.append("Two Spring Boot applications in the benchmark JVM on Boot's embedded Tomcat (127.0.0.1, port 0), the same user ")
                .append("and the same servlet behind `GET ").append(PAGE).append("` (it writes the admitted user's name), `authenticated()` in both: ")
                .append("the library's (form login with `.with(secureLogout(), …)`, as the Boot example, the starter's engine on the in-memory store) ")
                .append("and Spring Security's stock form login keeping the `SecurityContext` in the `HttpSession`. Each is logged in once through ")
                .append(String.format(Locale.ROOT, "its form; then `wrk -t1 -c%d -d%ds --latency` with that session's cookie, after a warm-up of two such runs of each in turn, ", connections, seconds))
                .append(rounds).append(" rounds, the order rotating per round; medians (min–max). Each answers 200 with the user before and after.\n\n")
                .append("| application | requests/s | × stock (medians) | × stock per round: median (min–max) | p50 ms | p99 ms |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        List<double[]> stockRows = samples.get(STOCK);
        Summary stock = HttpRun.column(stockRows, 0);
        List<Section.Target> targets = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> entry : samples.entrySet()) {
            List<double[]> rows = entry.getValue();
            Summary rps = HttpRun.column(rows, 0);
            // rounds run the two apps back to back, so the ratio of each round's pair is what the shared machine's drift spares
            double[] library = rows.stream().mapToDouble(row -> row[0]).toArray();
            double[] base = stockRows.stream().mapToDouble(row -> row[0]).toArray();
            Summary perRound = PairedRun.ratios(library, base);
            md.append("| ").append(entry.getKey()).append(" | ").append(rps.format(0)).append(" | ").append(CheckRun.ratio(rps, stock))
                    .append(" | ").append(perRound.format(2)).append(" | ").append(HttpRun.column(rows, 1).format(3)).append(" | ")
                    .append(HttpRun.column(rows, 2).format(3)).append(" |\n");
            if (!entry.getKey().equals(STOCK)) {
                targets.add(new Section.Target("Spring: guarded-page throughput with the library ≥ 0.9 × Spring Security's stock `HttpSession` "
                        + "login (median of the per-round ratios)", String.format(Locale.ROOT, "%.2f ×", perRound.median()), perRound.median() >= 0.9));
            }
        }
        return new Section(TITLE, md.toString(), targets);
    }
}
