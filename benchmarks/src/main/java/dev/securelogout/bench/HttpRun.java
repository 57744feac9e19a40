package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import dev.securelogout.jwt.JwtIssuer;
import dev.securelogout.jwt.NimbusAccessTokenVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP overhead of the guards: {@code wrk} against one in-process {@link GuardedServer} per
 * store, {@code GET /healthz} (no guard) against {@code GET /api/me} (bearer guard, HS256 JWT) and
 * {@code GET /} (session guard). After a warm-up of every path, rounds run each path for a fixed
 * time in a rotating order; each figure is the median over the rounds with its min–max.
 */
final class HttpRun {

    static final String WRK = Services.env("WRK", "/usr/bin/wrk");
    private static final List<String> PATHS = List.of("/healthz", "/api/me", "/");
    static final String ISSUER = "https://bench.example";
    static final String AUDIENCE = "bench-api";
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

    private HttpRun() {
    }

    /** One path's figures on one store: requests per second, p50 and p99 in milliseconds. */
    private record Figures(Summary rps, Summary p50, Summary p99) {
    }

    static Section run(Settings settings, List<Backend> backends) throws Exception {
        int rounds = settings.quick() ? 1 : 5;
        int seconds = settings.quick() ? 3 : 10;
        int connections = 16;
        Map<Backend, Map<String, Figures>> results = new LinkedHashMap<>();
        for (Backend backend : backends) {
            System.out.println("# HTTP on " + backend.label());
            results.put(backend, measure(backend, rounds, seconds, connections));
        }
        return report(results, rounds, seconds, connections);
    }

    private static Map<String, Figures> measure(Backend backend, int rounds, int seconds, int connections) throws Exception {
        Clock clock = Clock.systemUTC();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (Backend.Stores stores = backend.open(clock)) {
            LogoutEngine engine = stores.engine(clock);
            NimbusAccessTokenVerifier verifier = verifier(secret, clock);
            String token = token(secret, engine);
            NewSession session = engine.startSession("bench-user", Device.of("wrk", "127.0.0.1"));
            // Every path gets the same request bytes, credentials included, so that the guard is the
            // only difference: /healthz ignores them, each guard reads its own.
            List<String> credentials = List.of("Authorization: Bearer " + token,
                    "Cookie: " + engine.sessionCookie().name() + "=" + session.id().value());
            Map<String, List<String>> headers = Map.of("/healthz", credentials, "/api/me", credentials, "/", credentials);
            try (GuardedServer server = new GuardedServer(engine, verifier)) {
                for (String path : PATHS) {
                    expectAdmitted(server.base(), path, headers.get(path));
                    wrk(server.base(), path, headers.get(path), Math.max(2, seconds / 2), connections);
                }
                Map<String, List<double[]>> samples = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < PATHS.size(); i++) {
                        String path = PATHS.get((i + round) % PATHS.size());
                        double[] figures = wrk(server.base(), path, headers.get(path), seconds, connections);
                        samples.computeIfAbsent(path, p -> new ArrayList<>()).add(figures);
                        System.out.printf(Locale.ROOT, "  %-8s %9.0f req/s  p50 %.3f ms  p99 %.3f ms%n", path, figures[0], figures[1], figures[2]);
                    }
                }
                for (String path : PATHS) {
                    expectAdmitted(server.base(), path, headers.get(path));
                }
                Map<String, Figures> byPath = new LinkedHashMap<>();
                for (String path : PATHS) {
                    List<double[]> list = samples.get(path);
                    byPath.put(path, new Figures(column(list, 0), column(list, 1), column(list, 2)));
                }
                return byPath;
            }
        }
    }

    /** The HS256 verifier every bearer benchmark uses. */
    static NimbusAccessTokenVerifier verifier(byte[] secret, Clock clock) {
        return NimbusAccessTokenVerifier.withSecret(secret).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
    }

    /** An access token of "bench-user" that lives as long as allowed (the runs are shorter). */
    static String token(byte[] secret, LogoutEngine engine) {
        return issuer(secret, engine).issue("bench-user").value();
    }

    /** The issuer of the benchmarks' access tokens: as long-lived as allowed, for {@link #verifier}. */
    static JwtIssuer issuer(byte[] secret, LogoutEngine engine) {
        return JwtIssuer.withSecret(secret).engine(engine).issuer(ISSUER).audience(AUDIENCE)
                .timeToLive(Duration.ofMinutes(JwtIssuer.MAX_TIME_TO_LIVE_MINUTES)).build();
    }

    /** The summary of column {@code index} of wrk figures. */
    static Summary column(List<double[]> rows, int index) {
        return Summary.of(rows.stream().mapToDouble(row -> row[index]).toArray());
    }

    /** Fails unless {@code path} answers 200 with the user (or "ok"): a refused request would be cheaper and lie. */
    static void expectAdmitted(URI base, String path, List<String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        String expected = path.equals("/healthz") ? "ok" : "bench-user";
        if (response.statusCode() != 200 || !response.body().equals(expected)) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /** Runs wrk; returns requests per second, p50 and p99 latency in milliseconds. */
    static double[] wrk(URI base, String path, List<String> headers, int seconds, int connections)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WRK, "-t1", "-c" + connections, "-d" + seconds + "s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(base.resolve(path).toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher errors = ERRORS.matcher(output);
        if (non2xx.find() || errors.find()) {
            throw new IllegalStateException("wrk saw failed requests on " + path + ":\n" + output);
        }
        Matcher rps = RPS.matcher(output);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        return new double[] {Double.parseDouble(rps.group(1)), percentile(output, "50"), percentile(output, "99")};
    }

    /** A latency percentile from wrk's "Latency Distribution", in milliseconds. */
    private static double percentile(String output, String percent) {
        Matcher m = Pattern.compile("^\\s+" + percent + "%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no " + percent + "% line in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static Section report(Map<Backend, Map<String, Figures>> results, int rounds, int seconds, int connections) {
        StringBuilder md = new StringBuilder();
        md.append("`wrk -t1 -c").append(connections).append(" -d").append(seconds).append("s --latency` against one in-process Jetty 12 ")
                .append("(the same trivial servlet behind every path and the same request headers, both credentials on every path; only the guard differs), on the same 2 cores as the load ")
                .append("generator. After a warm-up of every path, ").append(rounds).append(" rounds run each path in turn, the ")
                .append("order rotating per round; figures are the median over the rounds (min–max). Before and after, each path ")
                .append("is checked to answer 200 as the admitted user, and any non-2xx answer under load fails the run. ")
                .append("The bearer guard verifies an HS256 JWT (Nimbus) and then asks the engine; the session guard calls ")
                .append("`engine.check` on the cookie.\n\n")
                .append("| store | path | requests/s | × /healthz | p50 ms | p99 ms |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        List<Section.Target> targets = new ArrayList<>();
        for (Map.Entry<Backend, Map<String, Figures>> entry : results.entrySet()) {
            Figures health = entry.getValue().get("/healthz");
            for (Map.Entry<String, Figures> path : entry.getValue().entrySet()) {
                Figures f = path.getValue();
                md.append("| ").append(entry.getKey().label()).append(" | `GET ").append(path.getKey()).append("` | ")
                        .append(f.rps().format(0)).append(" | ").append(CheckRun.ratio(f.rps(), health.rps())).append(" | ")
                        .append(f.p50().format(3)).append(" | ").append(f.p99().format(3)).append(" |\n");
            }
            if (entry.getKey().httpTarget()) {
                double ratio = entry.getValue().get("/api/me").rps().median() / health.rps().median();
                targets.add(new Section.Target(entry.getKey().label() + ": `/api/me` throughput ≥ 0.90 × `/healthz`",
                        String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= 0.90));
            }
        }
        return new Section("HTTP", md.toString(), targets);
    }
}
