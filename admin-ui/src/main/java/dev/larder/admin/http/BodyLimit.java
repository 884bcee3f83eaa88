package dev.larder.admin.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Caps request bodies: the console's JSON bodies are a few hundred bytes, so a
 * body said to be larger is refused with 413 before anything reads it, and a
 * chunked one is cut off where it passes the cap (the connection then closes,
 * so nothing drains the rest). Nothing is ever buffered beyond the cap.
 */
public final class BodyLimit implements HttpHandler {

    /** The largest body the console accepts, in bytes. */
    public static final int MAX_BODY = 4096;

    private final HttpHandler next;

    public BodyLimit(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)) {
            // The console's bodies are small and sent whole: one whose length is not said up front is refused.
            exchange.setPersistent(false);
            Json.error(exchange, 411, "Send the request body with a Content-Length");
            return;
        }
        if (exchange.getRequestContentLength() > MAX_BODY) {
            tooLarge(exchange);
            return;
        }
        exchange.setMaxEntitySize(MAX_BODY);
        next.handleRequest(exchange);
    }

    /** Answers 413 and closes the connection afterwards instead of reading the rest of the body. */
    public static void tooLarge(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        Json.error(exchange, 413, "The request body is larger than " + MAX_BODY + " bytes");
    }
}
