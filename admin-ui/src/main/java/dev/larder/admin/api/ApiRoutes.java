package dev.larder.admin.api;

import dev.larder.admin.auth.Login;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Settings;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.store.ItemStore;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.Map;

/**
 * The JSON API behind the login: what the page uses, and scripts may too.
 * Paths are relative to {@code /api}, where the console mounts them.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static HttpHandler build(Login login, LoadedPlugins plugins, Settings settings, ItemStore store,
                                    NetworkStatistics network, FairShareMXBean fairShare,
                                    IdleTimerMXBean idleTimer) throws Exception {
        BeanReader beans = new BeanReader();
        ConnectionsApi connections = new ConnectionsApi(network);
        FeaturesApi features = new FeaturesApi(fairShare, idleTimer);
        RoutingHandler routes = Handlers.routing()
                .get("/session", login::session)
                .post("/logout", login::logout)
                .get("/stats", new StatsApi(beans))
                .get("/connections", connections::list)
                .delete("/connections/{id}", connections::close)
                .get("/plugins", new PluginsApi(plugins, Json.MAPPER))
                .get("/settings", new SettingsApi(settings))
                .get("/features", features::get)
                .put("/features/fair-share", features::putFairShare)
                .put("/features/idle-timer", features::putIdleTimer)
                .post("/flush", exchange -> {
                    store.flushAll(0);
                    Json.ok(exchange, Map.of("flushed", true));
                })
                .setInvalidMethodHandler(exchange -> Json.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed here"))
                .setFallbackHandler(exchange -> Json.error(exchange, 404, "No such API: " + exchange.getRequestPath()));
        return routes;
    }

    /** {@code /metrics}, for Prometheus. */
    public static HttpHandler metrics() {
        return new MetricsEndpoint(new BeanReader());
    }
}
