package dev.larder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Slot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final LoadedPlugins plugins = new LoadedPlugins(List.of(
            new LoadedPlugins.Info("storage-memory", Slot.STORAGE, "1.0", "classpath"),
            new LoadedPlugins.Info("admin-console", Slot.ADMIN, "1.0", "classpath")));
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        server = new AdminServer(new SettingsResolver(AdminSettings.ALL)
                .resolve(new Properties(), "-", Map.of("admin_port", String.valueOf(port))), plugins);
        server.start();
        base = "http://127.0.0.1:" + server.boundAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void pluginsApiListsLoadedPluginsAsJson() throws Exception {
        HttpResponse<String> response = get("/api/plugins");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode list = new ObjectMapper().readTree(response.body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("storage-memory");
        assertThat(list.get(0).get("slot").asText()).isEqualTo("storage");
        assertThat(list.get(1).get("slot").asText()).isEqualTo("admin");
    }

    @Test
    void servesThePageAtTheRootAndNotFoundElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Larder</h1>", "/api/plugins");
        assertThat(get("/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void portZeroSwitchesTheConsoleOff() throws Exception {
        AdminServer off = new AdminServer(new SettingsResolver(AdminSettings.ALL)
                .resolve(new Properties(), "-", Map.of("admin_port", "0")), plugins);
        off.start();
        assertThat(off.boundAddress()).isNull();
        off.stop();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
