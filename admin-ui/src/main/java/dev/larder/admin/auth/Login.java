package dev.larder.admin.auth;

import dev.larder.admin.api.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.SameThreadExecutor;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/session}:
 * the password checked against {@link AdminCredentials}, wrong ones answered
 * late ({@link LoginThrottle}), right ones given a session cookie (HttpOnly,
 * SameSite=Strict) and a CSRF token.
 */
public final class Login {

    private final AdminCredentials credentials;
    private final Sessions sessions;
    private final LoginThrottle throttle = new LoginThrottle();

    public Login(AdminCredentials credentials, Sessions sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    Sessions sessions() {
        return sessions;
    }

    boolean check(String user, char[] password) {
        boolean right = credentials.check(user, password);
        if (right) {
            throttle.succeeded();
        }
        return right;
    }

    /** Answers 401 after the throttle's delay, without holding a thread meanwhile. */
    void refuseSlowly(HttpServerExchange exchange, String message) {
        long delay = throttle.failed();
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread().executeAfter(
                () -> Json.error(exchange, 401, message), delay, TimeUnit.MILLISECONDS));
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
            if (!check(user, body.get("password").asText().toCharArray())) {
                refuseSlowly(exchange, "Wrong user or password");
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
