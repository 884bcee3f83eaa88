package dev.larder.admin.api;

import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What operators did, and what happened to the server that they should know of
 * (a feature switched, a connection closed, a flush, certificates reloaded),
 * with who and when: the last {@value #KEPT}, newest first, for
 * {@code GET /api/events}.
 */
final class ConsoleEvents {

    static final int KEPT = 200;

    /** One event; {@code who} is "admin from ADDRESS" for the console, or what the server says. */
    record Event(long time, String what, String who) {
    }

    private final Deque<Event> events = new ArrayDeque<>();

    synchronized void record(String what, String who) {
        events.addFirst(new Event(System.currentTimeMillis(), what, who));
        if (events.size() > KEPT) {
            events.removeLast();
        }
    }

    /** An operator's change, made through the console's API in {@code exchange}. */
    void byOperator(HttpServerExchange exchange, String what) {
        InetSocketAddress peer = exchange.getSourceAddress();
        record(what, "admin from " + (peer == null ? "?" : peer.getAddress().getHostAddress()));
    }

    synchronized List<Event> list() {
        return new ArrayList<>(events);
    }
}
