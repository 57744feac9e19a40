package dev.securelogout.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of hostile HTTP requests against {@link App}: cookie headers, session ids,
 * session handles, form fields, JSON bodies, {@code Authorization} headers and other headers,
 * oversized, with control characters, invalid UTF-8 bytes, injection strings (SQL, CRLF, HTML,
 * JSON, path traversal, format strings), duplicate and a hundred cookies, malformed and
 * {@code alg: none} JWTs. The same seed and the same calls yield the same requests. Not thread-safe.
 */
final class Hostile {

    /** What the generator knows of the victim: the public data an attacker could learn. */
    record Targets(String victimHandle, String victimPartition, String victimUserId, int port) {
    }

    /** One generated request: its kind (for the report), the path it goes to, and its bytes. */
    record Input(String kind, String method, String path, byte[] bytes) {

        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return kind + " " + (text.length() > 300 ? text.substring(0, 300) + "…(" + bytes.length + " bytes)" : text);
        }
    }

    /** Injection strings; "evil" marks what must never come back as a header of the answer. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE logout_session; --", "\" OR 1=1 --", "1; SELECT pg_sleep(10)--",
            "victim' --", "x' UNION SELECT user_id, digest FROM logout_session --", "%27%20OR%201=1--",
            "\r\nSet-Cookie: evil=1", "\nSet-Cookie: evil=2", "%0d%0aSet-Cookie:%20evil=3", "\r\n\r\nHTTP/1.1 200 OK\r\nX-Evil: 1",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "</textarea><svg onload=alert(1)>",
            "{\"a\":", "\"}]}", "\\\"", "\\u0000", "{\"$ne\":null}", "[[[[[[[[[[[[", "null", "true", "-0", "1e999999",
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f", "....//....//", "/..;/",
            "${jndi:ldap://127.0.0.1:1/a}", "%s%s%s%s%n", "%00", "\u0000", "\u2028\u2029", "\uFEFF", "\uD800",
            "☃💥", "A\u0301\u0301\u0301", "*", "?", "#", "&", "=", ";", ",", "\"", "'", "`", "\\", "/", "..");

    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xA0, (byte) 0xA1}, {(byte) 0xE2, 0x28, (byte) 0xA1}, {(byte) 0xF0, (byte) 0x90, 0x28, (byte) 0xBC},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}};
    private static final String[] PATHS = {"/logout", "/private/page", "/account/sessions", "/account/logout-everywhere",
            "/api/data", "/oauth/revoke", "/oauth/token"};
    private static final String[] METHODS = {"GET", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO"};
    private static final String[] KINDS = {"cookie-header", "session-id", "handle", "form", "json", "authorization",
            "header", "path"};

    private final Random random;
    private final Targets targets;

    Hostile(long seed, Targets targets) {
        this.random = new Random(seed);
        this.targets = targets;
    }

    /** The next hostile request, with the attacker's current cookie where the kind needs one. */
    Input next(String attackerCookie) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        return switch (kind) {
            case "cookie-header" -> cookieHeader(kind, attackerCookie);
            case "session-id" -> request(kind, pick(METHODS), pick(PATHS), List.of(cookie("__Host-sid", sessionId())), null, null);
            case "handle" -> handle(kind, attackerCookie);
            case "form" -> form(kind, attackerCookie);
            case "json" -> request(kind, "POST", pick(PATHS), List.of(cookie(attackerCookie), origin()), "application/json", json());
            case "authorization" -> authorization(kind, attackerCookie);
            case "header" -> header(kind, attackerCookie);
            default -> path(kind, attackerCookie);
        };
    }

    // ---------------------------------------------------------------- kinds

    private Input cookieHeader(String kind, String attackerCookie) {
        int count = random.nextInt(4) == 0 ? 100 + random.nextInt(20) : 1 + random.nextInt(8);
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                value.writeBytes(random.nextInt(8) == 0 ? ";".getBytes(StandardCharsets.US_ASCII) : "; ".getBytes(StandardCharsets.US_ASCII));
            }
            int roll = random.nextInt(6);
            if (roll == 0) {
                value.writeBytes(attackerCookie.getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] name = roll == 1 ? "__Host-sid".getBytes(StandardCharsets.US_ASCII)
                        : roll == 2 ? "__Host-remember".getBytes(StandardCharsets.US_ASCII) : value(20);
                value.writeBytes(name);
                if (random.nextInt(10) != 0) {
                    value.write('=');
                }
                value.writeBytes(roll <= 2 ? credentialish() : value(100));
            }
        }
        List<byte[]> headers = random.nextInt(5) == 0
                ? List.of(header("Cookie", value.toByteArray()), cookie(attackerCookie), origin())
                : List.of(header("Cookie", value.toByteArray()), origin());
        return request(kind, pick(METHODS), pick(PATHS), headers, null, null);
    }

    private Input handle(String kind, String attackerCookie) {
        byte[] handle = switch (random.nextInt(5)) {
            case 0 -> targets.victimHandle().getBytes(StandardCharsets.US_ASCII);
            case 1 -> mutate(targets.victimHandle());
            case 2 -> percentEncode(value(60));
            case 3 -> ascii(randomText(B64URL, 22));
            default -> value(80);
        };
        ByteArrayOutputStream path = new ByteArrayOutputStream();
        path.writeBytes("/account/sessions/".getBytes(StandardCharsets.US_ASCII));
        path.writeBytes(handle);
        path.writeBytes(random.nextInt(4) == 0 ? "/revoke/".getBytes(StandardCharsets.US_ASCII) : "/revoke".getBytes(StandardCharsets.US_ASCII));
        return request(kind, random.nextInt(6) == 0 ? pick(METHODS) : "POST", path.toByteArray(),
                List.of(cookie(attackerCookie), origin()), null, null);
    }

    private Input form(String kind, String attackerCookie) {
        String[] names = {"keepCurrent", "token", "token_type_hint", "refresh_token", "grant_type", "remember", "_csrf"};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int fields = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                body.write('&');
            }
            body.writeBytes(random.nextInt(4) == 0 ? value(20) : ascii(pick(names)));
            body.write('=');
            byte[] v = switch (random.nextInt(4)) {
                case 0 -> value(200);
                case 1 -> percentEncode(value(100));
                case 2 -> credentialish();
                default -> ascii(pick(new String[] {"true", "false", "TRUE", "1", "", "refresh_token", "access_token", "%zz", "%", "%C3%28"}));
            };
            body.writeBytes(v);
        }
        String path = pick(new String[] {"/account/logout-everywhere", "/oauth/revoke", "/oauth/token", "/logout"});
        String type = random.nextInt(8) == 0 ? "application/x-www-form-urlencoded; charset=" + pick(new String[] {"utf-8", "x-evil", "utf-7", "'"})
                : "application/x-www-form-urlencoded";
        return request(kind, "POST", ascii(path), List.of(cookie(attackerCookie), origin()), type, body.toByteArray());
    }

    private byte[] json() {
        return switch (random.nextInt(6)) {
            case 0 -> ascii("[".repeat(1 + random.nextInt(5000)));
            case 1 -> ascii("{\"token\":\"" + targets.victimPartition() + "." + randomText(B64URL, 43) + "\",\"token\":" + pick(INJECTIONS) + "}");
            case 2 -> concat(ascii("{\"keepCurrent\":\""), value(300), ascii("\"}"));
            case 3 -> ascii("{\"a\":\"" + "x".repeat(random.nextInt(100_000)) + "\"}");
            case 4 -> value(500);
            default -> ascii("{\"user\":\"" + targets.victimUserId() + "\",\"sessions\":\"all\",\"" + pick(INJECTIONS) + "\":1}");
        };
    }

    private Input authorization(String kind, String attackerCookie) {
        byte[] value = switch (random.nextInt(7)) {
            case 0 -> ascii("Bearer " + jwt("{\"alg\":\"" + pick(new String[] {"none", "None", "NONE", "nOnE"}) + "\",\"typ\":\"JWT\"}", victimClaims(), ""));
            case 1 -> ascii("Bearer " + jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", victimClaims(), randomText(B64URL, 43)));
            case 2 -> ascii("Bearer " + jwt("{\"alg\":\"RS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}", victimClaims(), randomText(B64URL, 86)));
            case 3 -> ascii("Bearer " + randomText(B64URL + ".", 1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 300)));
            case 4 -> concat(ascii(pick(new String[] {"Bearer ", "bearer ", "Basic ", "Bearer  ", "Bearer", "Negotiate ", ""})), value(200));
            case 5 -> ascii("Bearer " + jwt(pick(INJECTIONS), pick(INJECTIONS), pick(INJECTIONS)));
            default -> ascii("Bearer " + jwt("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"b64\":false}", "{" + pick(INJECTIONS) + "}", ""));
        };
        List<byte[]> headers = random.nextInt(6) == 0
                ? List.of(header("Authorization", value), header("Authorization", value), origin())
                : random.nextBoolean() ? List.of(header("Authorization", value), origin())
                : List.of(header("Authorization", value), cookie(attackerCookie), origin());
        return request(kind, random.nextInt(4) == 0 ? "POST" : "GET",
                ascii(pick(new String[] {"/api/data", "/api/data", "/logout", "/oauth/revoke"})), headers, null, null);
    }

    private Input header(String kind, String attackerCookie) {
        String name = pick(new String[] {"Origin", "Sec-Fetch-Site", "Accept", "User-Agent", "Host", "X-Forwarded-For",
                "Content-Type", "Content-Length", "Transfer-Encoding", "Referer", "X-" + randomText(B64URL, 8)});
        List<byte[]> headers = List.of(header(name, value(random.nextInt(10) == 0 ? 20_000 : 300)), cookie(attackerCookie));
        return request(kind, pick(METHODS), pick(PATHS), headers, null, null);
    }

    private Input path(String kind, String attackerCookie) {
        String[] paths = {"/private/../account/sessions", "/%2e%2e/account/sessions", "/account/sessions/%00/revoke",
                "//logout", "/logout;jsessionid=x", "/LOGOUT", "/logout/", "/logout?x=" + randomText(B64URL, 10),
                "/account/sessions/..%2f..%2flogout/revoke", "/api/../private/page", "/private/%C3%28", "/private/\u0000",
                "/account/sessions/" + targets.victimHandle() + "/revoke/../../logout-everywhere", "*", "http://evil.test/logout"};
        byte[] path = random.nextBoolean() ? ascii(pick(paths)) : concat(ascii(pick(PATHS) + "/"), value(200));
        return request(kind, pick(METHODS), path, List.of(cookie(attackerCookie), origin()), null, null);
    }

    // ---------------------------------------------------------------- values

    /** A hostile value: injection, random text, control characters, invalid UTF-8, or oversized. */
    private byte[] value(int maxLength) {
        return switch (random.nextInt(7)) {
            case 0 -> utf8(pick(INJECTIONS));
            case 1 -> utf8(randomText(B64URL + ".=;, \"\\/%<>{}[]", random.nextInt(maxLength + 1)));
            case 2 -> controls(1 + random.nextInt(Math.max(1, maxLength / 4)));
            case 3 -> invalidUtf8();
            case 4 -> ascii("A".repeat(maxLength > 1000 ? maxLength : 1000 + random.nextInt(60_000)));
            case 5 -> concat(utf8(pick(INJECTIONS)), invalidUtf8(), controls(2));
            default -> utf8(randomUnicode(1 + random.nextInt(Math.max(1, maxLength / 3))));
        };
    }

    /** Session-id-shaped values: forged, the victim's partition with a made-up secret, near misses. */
    private byte[] sessionId() {
        return switch (random.nextInt(5)) {
            case 0 -> ascii(randomText(B64URL, 11) + "." + randomText(B64URL, 43));
            case 1 -> ascii(targets.victimPartition() + "." + randomText(B64URL, 43));
            case 2 -> ascii(targets.victimPartition() + "." + randomText(B64URL, 42 + 2 * random.nextInt(2)));
            case 3 -> concat(ascii(targets.victimPartition() + "."), value(60));
            default -> value(120);
        };
    }

    private byte[] credentialish() {
        return random.nextBoolean() ? sessionId() : value(100);
    }

    private byte[] mutate(String text) {
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = B64URL.charAt(random.nextInt(B64URL.length()));
        String mutated = new String(chars);
        return ascii(switch (random.nextInt(4)) {
            case 0 -> mutated;
            case 1 -> text + "%00";
            case 2 -> text.toUpperCase(java.util.Locale.ROOT);
            default -> text + "/../" + text;
        });
    }

    private String victimClaims() {
        long now = System.currentTimeMillis() / 1000;
        return "{\"iss\":\"" + App.ISSUER + "\",\"aud\":\"" + App.AUDIENCE + "\",\"sub\":\"" + targets.victimUserId()
                + "\",\"jti\":\"" + randomText(B64URL, 22) + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"ver\":" + random.nextInt(3) + "}";
    }

    private static String jwt(String header, String payload, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + signature;
    }

    private byte[] controls(int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(33);
            out[i] = (byte) (c == 32 ? 0x7f : c);
        }
        return out;
    }

    private byte[] invalidUtf8() {
        return concat(ascii(randomText(B64URL, random.nextInt(8))), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)],
                ascii(randomText(B64URL, random.nextInt(8))));
    }

    private String randomText(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String randomUnicode(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF);
            if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private byte[] percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return ascii(out.toString());
    }

    // ---------------------------------------------------------------- request assembly

    private Input request(String kind, String method, String path, List<byte[]> headers, String contentType, byte[] body) {
        return request(kind, method, ascii(path), headers, contentType, body);
    }

    private Input request(String kind, String method, byte[] path, List<byte[]> headers, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(method + " "));
        out.writeBytes(requestTarget(path));
        out.writeBytes(ascii(" HTTP/1.1\r\nHost: 127.0.0.1:" + targets.port() + "\r\n"));
        headers.forEach(out::writeBytes);
        if (body != null) {
            out.writeBytes(ascii("Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n"));
        }
        out.writeBytes(ascii("Connection: close\r\n\r\n"));
        if (body != null) {
            out.writeBytes(body);
        }
        return new Input(kind, method, new String(path, StandardCharsets.ISO_8859_1), out.toByteArray());
    }

    /**
     * The path as a request-target: whitespace that would end the request line (space, CR, LF, tab)
     * percent-encoded, as any client does; every other byte (control characters, invalid UTF-8) raw.
     * A broken request line is the HTTP parser's business (Jetty answers 400 or 505), not the library's.
     */
    private static byte[] requestTarget(byte[] path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : path) {
            if (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
                out.writeBytes(ascii(String.format("%%%02X", b)));
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] header(String name, byte[] value) {
        return concat(ascii(name + ": "), value, ascii("\r\n"));
    }

    private static byte[] cookie(String nameValue) {
        return header("Cookie", ascii(nameValue));
    }

    private static byte[] cookie(String name, byte[] value) {
        return header("Cookie", concat(ascii(name + "="), value));
    }

    private byte[] origin() {
        return header("Origin", ascii("http://127.0.0.1:" + targets.port()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
