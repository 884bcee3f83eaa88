package dev.larder.admin.auth;

import dev.larder.admin.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/session}:
 * the password checked against {@link AdminCredentials}, wrong ones answered
 * late and attempts limited by the {@link LoginThrottle}, right ones given a
 * session cookie (HttpOnly, SameSite=Strict) and a CSRF token.
 */
public final class Login {

    private final AdminCredentials credentials;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public Login(AdminCredentials credentials, Sessions sessions) {
        this(credentials, sessions, new LoginThrottle());
    }

    Login(AdminCredentials credentials, Sessions sessions, LoginThrottle throttle) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    Sessions sessions() {
        return sessions;
    }

    /**
     * Checks a password, if the throttle lets this attempt through. On a right
     * one returns true; otherwise the exchange has been answered (429 at once, or
     * 401 after the throttle's delay) and it returns false.
     */
    boolean checkOrRefuse(HttpServerExchange exchange, String user, char[] password) {
        LoginThrottle.Attempt attempt = throttle.begin(addressOf(exchange));
        if (attempt == null) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
            Json.error(exchange, 429, "Too many login attempts under way; try again later");
            return false;
        }
        if (credentials.check(user, password)) {
            throttle.succeeded();
            attempt.end();
            return true;
        }
        long delay = throttle.failed();
        // Answered later without holding a thread; the attempt keeps its place until then.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread().executeAfter(() -> {
            attempt.end();
            AccessGuard.unauthorized(exchange, "Wrong user or password");
        }, delay, TimeUnit.MILLISECONDS));
        return false;
    }

    private static String addressOf(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getSourceAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    public void login(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::login);
            return;
        }
        Json.readObject(exchange, body -> {
            String user = body.path("user").asText(AdminCredentials.USER);
            if (!body.path("password").isTextual()) {
                Json.error(exchange, 400, "Give the password as {\"password\": \"...\"}");
                return;
            }
            if (!checkOrRefuse(exchange, user, body.get("password").asText().toCharArray())) {
                return;
            }
            Sessions.Session session = sessions.open();
            exchange.setResponseCookie(sessionCookie(session.id()));
            Json.ok(exchange, Map.of("user", AdminCredentials.USER, "csrfToken", session.csrfToken()));
        });
    }

    /** Behind the guard: the session's CSRF token, for a page that was reloaded. */
    public void session(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(Sessions.COOKIE);
        Sessions.Session session = sessions.find(cookie == null ? null : cookie.getValue());
        Json.ok(exchange, Map.of("user", AdminCredentials.USER, "csrfToken", session == null ? "" : session.csrfToken()));
    }

    /** Behind the guard: ends the session. */
    public void logout(HttpServerExchange exchange) {
        Cookie cookie = exchange.getRequestCookie(Sessions.COOKIE);
        sessions.close(cookie == null ? null : cookie.getValue());
        exchange.setResponseCookie(sessionCookie("").setMaxAge(0));
        Json.ok(exchange, Map.of("loggedOut", true));
    }

    private static Cookie sessionCookie(String value) {
        return new CookieImpl(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSameSiteMode("Strict");
    }
}
