package dev.larder.admin.auth;

import dev.larder.admin.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Lets a request through when it comes from a logged-in session (cookie), and
 * for a state-changing one also carries that session's CSRF token; or when it
 * carries HTTP Basic credentials for {@code admin} (scripts: no token needed).
 * Otherwise 401 or 403, as JSON.
 */
public final class AccessGuard implements HttpHandler {

    public static final HttpString CSRF_HEADER = HttpString.tryFromString("X-CSRF-Token");
    /** The console's page sends {@code X-Requested-With: larder-console} with its API calls. */
    static final HttpString REQUESTED_WITH = HttpString.tryFromString("X-Requested-With");
    static final String CONSOLE_PAGE = "larder-console";

    private final HttpHandler next;
    private final Login login;
    /** Digest of the last Authorization header that checked out, so scripts do not pay the hash each time. */
    private volatile byte[] lastGoodBasic = new byte[0];

    public AccessGuard(HttpHandler next, Login login) {
        this.next = next;
        this.login = login;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (basicAccepted(exchange, authorization)) {
                next.handleRequest(exchange);
            }
            return;
        }
        Cookie cookie = exchange.getRequestCookie(Sessions.COOKIE);
        Sessions.Session session = login.sessions().find(cookie == null ? null : cookie.getValue());
        if (session == null) {
            unauthorized(exchange, "Log in first, or send HTTP Basic credentials");
            return;
        }
        if (changesState(exchange) && !tokenMatches(exchange.getRequestHeaders().getFirst(CSRF_HEADER),
                session.csrfToken())) {
            Json.error(exchange, 403, "Missing or wrong " + CSRF_HEADER + " header");
            return;
        }
        next.handleRequest(exchange);
    }

    /**
     * Answers 401 with the challenge the client can act on: HTTP Basic for
     * scripts and browsers at large, a scheme browsers ignore for the console's
     * own page (which logs in with its form, and must not get the browser's
     * password prompt instead).
     */
    public static void unauthorized(HttpServerExchange exchange, String message) {
        boolean fromPage = CONSOLE_PAGE.equals(exchange.getRequestHeaders().getFirst(REQUESTED_WITH));
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                fromPage ? "Session realm=\"Larder console\"" : "Basic realm=\"Larder console\", charset=\"UTF-8\"");
        Json.error(exchange, 401, message);
    }

    /** Whether the credentials are right; if not, the exchange has been answered. */
    private boolean basicAccepted(HttpServerExchange exchange, String authorization) {
        byte[] digest = sha256(authorization);
        if (MessageDigest.isEqual(digest, lastGoodBasic)) {
            return true;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            unauthorized(exchange, "Malformed Basic credentials");
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            unauthorized(exchange, "Malformed Basic credentials");
            return false;
        }
        if (!login.checkOrRefuse(exchange, decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray())) {
            return false;
        }
        lastGoodBasic = digest;
        return true;
    }

    private static boolean changesState(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        return !(method.equals(Methods.GET) || method.equals(Methods.HEAD) || method.equals(Methods.OPTIONS));
    }

    private static boolean tokenMatches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
