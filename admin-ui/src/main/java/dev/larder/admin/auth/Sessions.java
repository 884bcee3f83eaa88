package dev.larder.admin.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in browser sessions: a random id in a cookie, each with its CSRF token, expiring when unused. */
public final class Sessions {

    public static final String COOKIE = "larder_session";
    private static final Duration IDLE_LIMIT = Duration.ofHours(8);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A logged-in session: its id (for the cookie) and the token state-changing requests must carry. */
    public record Session(String id, String csrfToken, long lastUsedMillis) {
    }

    public Session open() {
        Session session = new Session(token(), token(), clock.millis());
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time restarted; null when there is none. */
    public Session find(String id) {
        if (id == null) {
            return null;
        }
        Session session = byId.get(id);
        if (session == null) {
            return null;
        }
        long now = clock.millis();
        if (now - session.lastUsedMillis() > IDLE_LIMIT.toMillis()) {
            byId.remove(id);
            return null;
        }
        Session touched = new Session(session.id(), session.csrfToken(), now);
        byId.put(id, touched);
        return touched;
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
