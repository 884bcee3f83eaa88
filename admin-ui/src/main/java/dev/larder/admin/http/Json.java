package dev.larder.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

/** JSON replies and request bodies; every error is JSON with a message and its status. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static void send(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    public static void ok(HttpServerExchange exchange, Object body) {
        send(exchange, 200, body);
    }

    public static void error(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, Map.of("error", message, "status", status));
    }

    /**
     * A request body as a JSON object.
     *
     * @throws BadBodyException saying, for the client, why it is not one
     */
    public static JsonNode parseObject(byte[] bytes) throws BadBodyException {
        JsonNode body;
        try {
            body = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new BadBodyException("The body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadBodyException("The body must be a JSON object");
        }
        return body;
    }

    /** A request body that is not what the API takes; the message is for the client. */
    public static final class BadBodyException extends Exception {
        BadBodyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the body, at most {@link BodyLimit#MAX_BODY} bytes of it, as a JSON
     * object and hands it on; answers 400 when it is not one and 413 when it is longer.
     */
    public static void readObject(HttpServerExchange exchange, Consumer<JsonNode> then) {
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(BodyLimit.MAX_BODY);
        receiver.receiveFullBytes((ex, bytes) -> {
            JsonNode body;
            try {
                body = parseObject(bytes);
            } catch (BadBodyException e) {
                error(ex, 400, e.getMessage());
                return;
            }
            then.accept(body);
        }, (ex, failure) -> {
            if (failure instanceof RequestTooBigException || failure instanceof Receiver.RequestToLargeException) {
                BodyLimit.tooLarge(ex);
            } else {
                ex.setPersistent(false);
                error(ex, 400, "Could not read the body");
            }
        });
    }
}
