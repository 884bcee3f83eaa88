package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import io.undertow.server.HttpServerExchange;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The two run-time features, read and switched through their MXBeans (the
 * same objects JConsole changes). A request is checked whole before anything
 * changes: a bad one changes nothing.
 */
final class FeaturesApi {

    static final int MAX_REQS_PER_EVENT = 1_000_000;
    static final int MAX_IDLE_TIMEOUT = 30 * 24 * 3600;

    private final FairShareMXBean fairShare;
    private final IdleTimerMXBean idleTimer;

    private final ConsoleEvents events;

    FeaturesApi(FairShareMXBean fairShare, IdleTimerMXBean idleTimer, ConsoleEvents events) {
        this.fairShare = fairShare;
        this.idleTimer = idleTimer;
        this.events = events;
    }

    void get(HttpServerExchange exchange) {
        Json.ok(exchange, Map.of("fairShare", fairShareState(), "idleTimer", idleTimerState()));
    }

    void putFairShare(HttpServerExchange exchange) {
        Json.readObject(exchange, body -> {
            String problem = checkFairShare(body);
            if (problem != null) {
                Json.error(exchange, 400, problem);
                return;
            }
            if (body.has("reqsPerEvent")) {
                fairShare.setReqsPerEvent(body.get("reqsPerEvent").intValue());
            }
            if (body.has("enabled")) {
                fairShare.setEnabled(body.get("enabled").booleanValue());
            }
            events.byOperator(exchange, "fair sharing " + (fairShare.isEnabled() ? "on" : "off") + ", "
                    + fairShare.getReqsPerEvent() + " requests per event");
            Json.ok(exchange, fairShareState());
        });
    }

    void putIdleTimer(HttpServerExchange exchange) {
        Json.readObject(exchange, body -> {
            String problem = checkIdleTimer(body);
            if (problem != null) {
                Json.error(exchange, 400, problem);
                return;
            }
            if (body.has("timeoutSeconds")) {
                idleTimer.setTimeoutSeconds(body.get("timeoutSeconds").intValue());
            }
            if (body.has("enabled")) {
                idleTimer.setEnabled(body.get("enabled").booleanValue());
            }
            events.byOperator(exchange, "idle timer " + (idleTimer.isEnabled() ? "on" : "off") + ", "
                    + idleTimer.getTimeoutSeconds() + " s");
            Json.ok(exchange, idleTimerState());
        });
    }

    /** What is wrong with a change of fair sharing, or null. */
    static String checkFairShare(JsonNode body) {
        return check(body, Set.of("enabled", "reqsPerEvent"), "reqsPerEvent", 1, MAX_REQS_PER_EVENT);
    }

    /** What is wrong with a change of the idle timer, or null. */
    static String checkIdleTimer(JsonNode body) {
        return check(body, Set.of("enabled", "timeoutSeconds"), "timeoutSeconds", 1, MAX_IDLE_TIMEOUT);
    }

    /** What is wrong with the body, or null: only known fields, a boolean "enabled", a number in range. */
    private static String check(JsonNode body, Set<String> known, String number, int min, int max) {
        if (body.isEmpty()) {
            return "Nothing to change: give " + String.join(" and/or ", known);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return "Unknown field '" + name + "'";
            }
        }
        if (body.has("enabled") && !body.get("enabled").isBoolean()) {
            return "'enabled' must be true or false";
        }
        if (body.has(number)) {
            JsonNode value = body.get(number);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                    || value.intValue() > max) {
                return "'" + number + "' must be a whole number from " + min + " to " + max;
            }
        }
        return null;
    }

    private Map<String, Object> fairShareState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("enabled", fairShare.isEnabled());
        state.put("reqsPerEvent", fairShare.getReqsPerEvent());
        state.put("yields", fairShare.getYields());
        return state;
    }

    private Map<String, Object> idleTimerState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("enabled", idleTimer.isEnabled());
        state.put("timeoutSeconds", idleTimer.getTimeoutSeconds());
        state.put("idleKicks", idleTimer.getIdleKicks());
        return state;
    }
}
