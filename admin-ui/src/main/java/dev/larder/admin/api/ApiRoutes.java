package dev.larder.admin.api;

import dev.larder.admin.auth.Login;
import dev.larder.admin.http.Json;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Settings;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.store.ItemStore;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.util.List;
import java.util.Map;

/**
 * The JSON API behind the login: what the page uses, and scripts may too.
 * Paths are relative to {@code /api}, where the console mounts them.
 */
public final class ApiRoutes implements AutoCloseable {

    /** One route: its method and path template (relative to {@code /api}) and what answers it. */
    public record Route(String method, String path, HttpHandler handler) {
    }

    private final List<Route> routes;
    private final StatsHistory history;

    public ApiRoutes(Login login, LoadedPlugins plugins, Settings settings, ItemStore store,
                     NetworkStatistics network, FairShareMXBean fairShare, IdleTimerMXBean idleTimer,
                     String version) throws Exception {
        BeanReader beans = new BeanReader();
        ConsoleEvents events = new ConsoleEvents();
        StatsApi stats = new StatsApi(beans, network, version);
        history = new StatsHistory(stats, network, events);
        ConnectionsApi connections = new ConnectionsApi(network, events);
        FeaturesApi features = new FeaturesApi(fairShare, idleTimer, events);
        routes = List.of(
                new Route("GET", "/session", login::session),
                new Route("POST", "/logout", login::logout),
                new Route("GET", "/stats", stats),
                new Route("GET", "/stats/history", exchange -> Json.ok(exchange, history.samples())),
                new Route("GET", "/events", exchange -> Json.ok(exchange, events.list())),
                new Route("GET", "/connections", connections::list),
                new Route("DELETE", "/connections/{id}", connections::close),
                new Route("GET", "/plugins", new PluginsApi(plugins, Json.MAPPER)),
                new Route("GET", "/settings", new SettingsApi(settings)),
                new Route("GET", "/features", features::get),
                new Route("PUT", "/features/fair-share", features::putFairShare),
                new Route("PUT", "/features/idle-timer", features::putIdleTimer),
                new Route("POST", "/flush", exchange -> {
                    store.flushAll(0);
                    events.byOperator(exchange, "flush_all");
                    Json.ok(exchange, Map.of("flushed", true));
                }));
    }

    /** Stops sampling the figures for the history. */
    @Override
    public void close() {
        history.close();
    }

    /** Every route, in the order the router tries them. */
    public List<Route> routes() {
        return routes;
    }

    /** The router over {@link #routes()}; anything else is 404, a known path with another method 405. */
    public HttpHandler handler() {
        RoutingHandler router = Handlers.routing();
        for (Route route : routes) {
            router.add(route.method(), route.path(), route.handler());
        }
        return router
                .setInvalidMethodHandler(exchange -> Json.error(exchange, 405,
                        exchange.getRequestMethod() + " is not allowed here"))
                .setFallbackHandler(exchange -> Json.error(exchange, 404, "No such API: " + exchange.getRequestPath()));
    }

    /** {@code /metrics}, for Prometheus; {@code version} is Larder's, shown as memcached_version's label. */
    public static HttpHandler metrics(String version) {
        return new MetricsEndpoint(new BeanReader(), version);
    }
}
