package dev.larder.admin.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.spi.LoadedPlugins;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;

/** {@code GET /api/plugins}: the loaded plugins with their slots and versions. */
public final class PluginsApi implements HttpHandler {

    private final byte[] body;

    public PluginsApi(LoadedPlugins plugins, ObjectMapper json) throws Exception {
        List<PluginView> views = plugins.plugins().stream()
                .map(p -> new PluginView(p.name(), p.slot().label(), p.version(), p.source()))
                .toList();
        // The plugins never change while the server runs, so the reply is made once.
        this.body = json.writeValueAsBytes(views);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }

    record PluginView(String name, String slot, String version, String source) {
    }
}
