package dev.larder.admin.api;

import dev.larder.admin.http.Json;
import dev.larder.spi.Settings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/** {@code GET /api/settings}: every setting with its value, default, origin and whether it can change live. */
final class SettingsApi implements HttpHandler {

    private static final String HIDDEN = "(hidden)";

    private final Settings settings;

    SettingsApi(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        List<SettingView> views = settings.all().stream().map(SettingsApi::view).toList();
        Json.ok(exchange, views);
    }

    private static SettingView view(Settings.Value<?> v) {
        String name = v.setting().name();
        boolean secret = name.contains("password");
        return new SettingView(name, secret ? HIDDEN : v.setting().format(v.value()),
                secret ? HIDDEN : v.setting().format(v.setting().defaultValue()), v.origin().name().toLowerCase(),
                v.setting().runtimeChangeable(), v.setting().description());
    }

    record SettingView(String name, String value, String defaultValue, String origin, boolean changeableLive,
                       String description) {
    }
}
