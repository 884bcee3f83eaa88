package dev.larder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.spi.Metric;
import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.store.StorageMXBean;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API as scripts and the page use it: login, CSRF, Basic, validation, and the MXBeans behind it. */
class AdminApiTest {

    static ConsoleServer console;
    static FairShareMXBean fairShare;
    static IdleTimerMXBean idleTimer;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        console = new ConsoleServer();
        var server = ManagementFactory.getPlatformMBeanServer();
        fairShare = JMX.newMXBeanProxy(server, new ObjectName("dev.larder:type=Network,name=FairShare"),
                FairShareMXBean.class);
        idleTimer = JMX.newMXBeanProxy(server, new ObjectName("dev.larder:type=Network,name=IdleTimer"),
                IdleTimerMXBean.class);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void everyEndpointWantsALogin() throws Exception {
        for (String[] call : List.of(new String[] {"GET", "/api/stats"}, new String[] {"GET", "/api/connections"},
                new String[] {"DELETE", "/api/connections/1"}, new String[] {"GET", "/api/plugins"},
                new String[] {"GET", "/api/settings"}, new String[] {"GET", "/api/features"},
                new String[] {"PUT", "/api/features/fair-share"}, new String[] {"PUT", "/api/features/idle-timer"},
                new String[] {"POST", "/api/flush"}, new String[] {"GET", "/metrics"},
                new String[] {"GET", "/api/session"})) {
            HttpResponse<String> response = send(request(call[1]).method(call[0],
                    HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")));
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            assertThat(json.readTree(response.body()).get("error").asText()).isNotEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndARightOneGivesAStrictHttpOnlyCookie() throws Exception {
        assertThat(login("wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = login(ConsoleServer.PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("larder_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        assertThat(json.readTree(ok.body()).get("csrfToken").asText()).hasSizeGreaterThan(20);
        assertThat(send(request("/api/stats").header("Authorization", basic("admin", "wrong")).GET()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void withACookieAStateChangeNeedsTheCsrfTokenAndThenReachesTheMXBean() throws Exception {
        Session session = session();
        fairShare.setEnabled(true);
        HttpResponse<String> noToken = send(request("/api/features/fair-share").header("Cookie", session.cookie)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(fairShare.isEnabled()).isTrue();

        HttpResponse<String> withToken = send(session.with(request("/api/features/fair-share"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false,\"reqsPerEvent\":7}")));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(json.readTree(withToken.body()).get("reqsPerEvent").asInt()).isEqualTo(7);
        assertThat(fairShare.isEnabled()).isFalse();
        assertThat(fairShare.getReqsPerEvent()).isEqualTo(7);

        HttpResponse<String> idle = send(session.with(request("/api/features/idle-timer"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"timeoutSeconds\":120}")));
        assertThat(idle.statusCode()).isEqualTo(200);
        assertThat(idleTimer.isEnabled()).isTrue();
        assertThat(idleTimer.getTimeoutSeconds()).isEqualTo(120);
        idleTimer.setEnabled(false);
        fairShare.setEnabled(true);
        fairShare.setReqsPerEvent(20);
    }

    @Test
    void badJsonAndOutOfRangeValuesAre400AndChangeNothing() throws Exception {
        fairShare.setEnabled(true);
        fairShare.setReqsPerEvent(20);
        for (String body : List.of("{not json", "[1,2]", "{\"enabled\":false,\"reqsPerEvent\":0}",
                "{\"enabled\":false,\"reqsPerEvent\":1000001}", "{\"enabled\":\"no\"}",
                "{\"enabled\":false,\"reqsPerEvent\":2.5}", "{\"enabled\":false,\"colour\":1}", "{}")) {
            HttpResponse<String> response = send(request("/api/features/fair-share")
                    .header("Authorization", basic("admin", ConsoleServer.PASSWORD))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").asText()).as(body).isNotEmpty();
        }
        HttpResponse<String> idle = send(request("/api/features/idle-timer")
                .header("Authorization", basic("admin", ConsoleServer.PASSWORD))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"timeoutSeconds\":-5}")));
        assertThat(idle.statusCode()).isEqualTo(400);
        assertThat(fairShare.isEnabled()).isTrue();
        assertThat(fairShare.getReqsPerEvent()).isEqualTo(20);
        assertThat(idleTimer.isEnabled()).isFalse();
    }

    @Test
    void scriptsUseBasicWithoutAToken() throws Exception {
        String auth = basic("admin", ConsoleServer.PASSWORD);
        HttpResponse<String> stats = send(request("/api/stats").header("Authorization", auth).GET());
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(stats.body());
        assertThat(body.get("commands").has("get")).isTrue();
        assertThat(body.get("storeLimit").asLong()).isEqualTo(64L * 1024 * 1024);

        JsonNode settings = json.readTree(send(request("/api/settings").header("Authorization", auth).GET()).body());
        assertThat(settings.findValuesAsText("name")).contains("port", "reqs_per_event", "memory_limit");
        assertThat(settings.toString()).doesNotContain("pbkdf2");

        JsonNode plugins = json.readTree(send(request("/api/plugins").header("Authorization", auth).GET()).body());
        assertThat(plugins.findValuesAsText("slot")).contains("network", "protocol", "storage", "admin");

        assertThat(send(request("/api/nothing-here").header("Authorization", auth).GET()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void connectionsAreListedAndOneCanBeClosed() throws Exception {
        String auth = basic("admin", ConsoleServer.PASSWORD);
        try (Socket client = new Socket(console.memcached.getAddress(), console.memcached.getPort())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(in.readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("VERSION ");

            JsonNode list = json.readTree(send(request("/api/connections").header("Authorization", auth).GET()).body());
            String address = "127.0.0.1:" + client.getLocalPort();
            JsonNode mine = null;
            for (JsonNode c : list) {
                if (c.get("address").asText().equals(address)) {
                    mine = c;
                }
            }
            assertThat(mine).as("connection from " + address + " in " + list).isNotNull();
            assertThat(mine.get("protocol").asText()).isEqualTo("text");

            assertThat(send(request("/api/connections/abc").header("Authorization", auth).DELETE()).statusCode())
                    .isEqualTo(400);
            assertThat(send(request("/api/connections/999999").header("Authorization", auth).DELETE()).statusCode())
                    .isEqualTo(404);
            assertThat(send(request("/api/connections/" + mine.get("id").asLong()).header("Authorization", auth)
                    .DELETE()).statusCode()).isEqualTo(204);
            in.skip(in.available());
            while (in.read() != -1) {
                // the rest of the version line, then the end of the stream: closed by the server
            }
        }
    }

    @Test
    void historyChartsTheLastMinutesAndEventsSayWhoDidWhat() throws Exception {
        String auth = basic("admin", ConsoleServer.PASSWORD);
        JsonNode history = json.readTree(send(request("/api/stats/history").header("Authorization", auth).GET()).body());
        assertThat(history.isArray()).isTrue();
        assertThat(history.size()).as("samples, one a second, the first when the console started").isPositive();
        JsonNode newest = history.get(history.size() - 1);
        assertThat(newest.get("uptimeSeconds").asLong()).isNotNegative();
        assertThat(newest.get("tls").asText()).isEqualTo("off");
        assertThat(newest.has("currItems")).isTrue();

        assertThat(send(request("/api/features/idle-timer").header("Authorization", auth)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false,\"timeoutSeconds\":300}"))).statusCode())
                .isEqualTo(200);
        JsonNode events = json.readTree(send(request("/api/events").header("Authorization", auth).GET()).body());
        assertThat(events.get(0).get("what").asText()).isEqualTo("idle timer off, 300 s");
        assertThat(events.get(0).get("who").asText()).isEqualTo("admin from 127.0.0.1");
        assertThat(events.get(0).get("time").asLong()).isPositive();
    }

    @Test
    void flushEmptiesTheStoreAndMetricsSpeakPrometheus() throws Exception {
        String auth = basic("admin", ConsoleServer.PASSWORD);
        try (Socket client = new Socket(console.memcached.getAddress(), console.memcached.getPort())) {
            client.getOutputStream().write("set f 0 0 1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.getInputStream().readNBytes(8), StandardCharsets.US_ASCII))
                    .isEqualTo("STORED\r\n");
        }
        HttpResponse<String> metrics = send(request("/metrics").header("Authorization", auth).GET());
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE memcached_read_bytes_total counter\n",
                "# HELP memcached_current_items ", "larder_fair_share_enabled 1",
                "memcached_commands_total{command=\"set\",status=\"hit\"} ", "jvm_memory_used_bytes");
        assertThat(metrics.body()).matches("(?s).*\\nmemcached_current_items [1-9].*");
        for (Class<?> bean : List.of(StorageMXBean.class, BufferStatsMXBean.class, FairShareMXBean.class,
                IdleTimerMXBean.class)) {
            for (Method getter : bean.getMethods()) {
                Metric metric = getter.getAnnotation(Metric.class);
                if (metric != null) {
                    assertThat(metrics.body()).as(getter.toString())
                            .contains("# HELP " + metric.value() + " ")
                            .contains("# TYPE " + metric.value() + (metric.counter() ? " counter\n" : " gauge\n"));
                }
            }
        }

        assertThat(send(request("/api/flush").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        try (Socket client = new Socket(console.memcached.getAddress(), console.memcached.getPort())) {
            client.getOutputStream().write("get f\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
                    .isEqualTo("END\r\n");
        }
    }

    private record Session(String cookie, String csrfToken) {
        HttpRequest.Builder with(HttpRequest.Builder builder) {
            return builder.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
    }

    private Session session() throws Exception {
        HttpResponse<String> ok = login(ConsoleServer.PASSWORD);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Session(cookie, json.readTree(ok.body()).get("csrfToken").asText());
    }

    private HttpResponse<String> login(String password) throws Exception {
        return send(request("/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        java.util.Map.of("user", "admin", "password", password)))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(console.base + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
