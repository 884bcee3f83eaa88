package dev.larder.admin.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses requests that name another host, so that a web page whose DNS name is
 * pointed at this machine (DNS rebinding) cannot reach the console from a
 * browser: the {@code Host} header must be an IP address, {@code localhost}, or
 * one of the names allowed ({@code admin_hosts} and this machine's own name).
 * A request that changes state and carries an {@code Origin} must come from the
 * console's own origin, so no other site can post to it, a login included.
 */
public final class HostCheck implements HttpHandler {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final HttpHandler next;
    private final Set<String> allowedNames;

    /** @param allowedNames host names, beside IP addresses and localhost, that the console answers to */
    public HostCheck(HttpHandler next, Set<String> allowedNames) {
        this.next = next;
        this.allowedNames = allowedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !allowed(nameOf(host))) {
            exchange.setPersistent(false);
            Json.error(exchange, 403, "This console does not answer to the host name '" + host
                    + "'; add it to admin_hosts if it is this server's");
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && changesState(exchange.getRequestMethod()) && !sameOrigin(origin, host)) {
            Json.error(exchange, 403, "Requests from " + origin + " may not change this console");
            return;
        }
        next.handleRequest(exchange);
    }

    /** Whether a host name (no port) may be this console's. */
    boolean allowed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("localhost") || IPV4.matcher(n).matches() || n.startsWith("[") || allowedNames.contains(n);
    }

    /** The name in a Host header: without its port, an IPv6 literal kept in brackets. */
    static String nameOf(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean changesState(HttpString method) {
        return !(method.equals(Methods.GET) || method.equals(Methods.HEAD) || method.equals(Methods.OPTIONS));
    }
}
