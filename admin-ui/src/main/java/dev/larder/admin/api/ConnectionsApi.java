package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.NetworkStatistics;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.List;

/** {@code GET /api/connections} and {@code DELETE /api/connections/{id}}. */
final class ConnectionsApi {

    private final NetworkStatistics network;
    private final ConsoleEvents events;

    ConnectionsApi(NetworkStatistics network, ConsoleEvents events) {
        this.network = network;
        this.events = events;
    }

    void list(HttpServerExchange exchange) {
        long now = System.currentTimeMillis();
        List<ConnectionView> views = network.connections().stream().map(c -> ConnectionView.of(c, now)).toList();
        Json.ok(exchange, views);
    }

    void close(HttpServerExchange exchange) {
        String id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
        long connection;
        try {
            connection = Long.parseLong(id);
        } catch (NumberFormatException e) {
            Json.error(exchange, 400, "Connection ids are numbers, not '" + id + "'");
            return;
        }
        String address = network.connections().stream().filter(c -> c.id() == connection)
                .map(c -> " (" + c.remoteAddress() + ")").findFirst().orElse("");
        if (!network.close(connection)) {
            Json.error(exchange, 404, "No open connection " + connection);
            return;
        }
        events.byOperator(exchange, "connection " + connection + address + " closed");
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** A connection as the console's table shows it. */
    record ConnectionView(long id, String address, String listener, String protocol, boolean tls, long ageSeconds,
                          long idleSeconds, long bytesRead, long bytesWritten, long inputBuffered,
                          long outputPending, long yields) {

        static ConnectionView of(ConnectionInfo c, long now) {
            return new ConnectionView(c.id(), c.remoteAddress(), c.localAddress(), c.protocol(), c.tls(),
                    Math.max(0, now - c.openedMillis()) / 1000, Math.max(0, now - c.lastActivityMillis()) / 1000,
                    c.bytesRead(), c.bytesWritten(), c.inputBuffered(), c.outputPending(), c.yields());
        }
    }
}
