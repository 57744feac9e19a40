package dev.securelogout.servlet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For} headers are
 * believed: addresses and CIDR ranges, IPv4 and IPv6. A request whose peer is not one of them is
 * its own client, whatever it claims; through trusted proxies the client is the nearest hop that
 * is not trusted (walking the chain from the right), so a client cannot put a forged address in
 * front of the chain. {@code Forwarded} is read when present, else {@code X-Forwarded-For}; a hop
 * that is not an IP literal ({@code unknown}, an obfuscated name) stops the walk at the trusted
 * hop that reported it. Only literals are parsed: no name is ever looked up. Immutable and
 * thread-safe.
 */
public final class TrustedProxies {

    /** No proxy is trusted: every request is its own client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_HOPS = 32;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((address[whole] ^ network[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * The proxies named by {@code entries}: each an address ({@code 10.0.0.7}, {@code ::1}) or a
     * CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}); blank entries are ignored.
     *
     * @param entries the addresses and ranges
     * @return the trusted proxies
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies of(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + entry));
            int prefix = address.length * 8;
            if (slash >= 0) {
                String bits = entry.substring(slash + 1);
                if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > address.length * 8) {
                    throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
                }
                prefix = Integer.parseInt(bits);
            }
            ranges.add(new Range(address, prefix));
        }
        return new TrustedProxies(ranges);
    }

    /**
     * The proxies of a comma-separated list, as an environment variable holds them.
     *
     * @param list addresses and CIDR ranges separated by commas; blank for none
     * @return the trusted proxies
     * @throws IllegalArgumentException naming the first entry that is neither an address nor a range
     */
    public static TrustedProxies parse(String list) {
        return of(List.of(list.split(",", -1)));
    }

    /**
     * Whether none is trusted.
     *
     * @return true when every request is its own client
     */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Whether {@code address} is a trusted proxy.
     *
     * @param address an IP literal
     * @return false for anything else, a name included
     */
    public boolean trusts(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    /**
     * The client's address.
     *
     * @param peer           the address the connection came from
     * @param forwarded      the {@code Forwarded} header values, in order
     * @param xForwardedFor  the {@code X-Forwarded-For} header values, in order
     * @return {@code peer} unless it is a trusted proxy; else the nearest untrusted hop of the chain
     */
    public String clientAddress(String peer, List<String> forwarded, List<String> xForwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = forwarded.isEmpty() ? xForwardedForHops(xForwardedFor) : forwardedHops(forwarded);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static List<String> xForwardedForHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",", MAX_HOPS * 2)) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** The {@code for=} of each element: quotes, brackets and ports removed. */
    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", MAX_HOPS * 2)) {
                String hop = "unknown";
                for (String pair : element.split(";", 8)) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                        hop = node(pair.substring(eq + 1).strip());
                    }
                }
                hops.add(hop);
            }
        }
        return hops;
    }

    /** A {@code Forwarded} node without quotes, IPv6 brackets or port. */
    private static String node(String value) {
        String v = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close > 0 ? v.substring(1, close) : "unknown";
        }
        int colon = v.indexOf(':');
        return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    /** The bytes of an IPv4 or IPv6 literal (no zone); empty for anything else, without a lookup. */
    private static Optional<byte[]> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
