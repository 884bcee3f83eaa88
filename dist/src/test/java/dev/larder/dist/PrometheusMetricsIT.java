package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of the running distribution speaks memcached_exporter's names, so
 * Grafana dashboards made for memcached work unchanged; Prometheus' own promtool
 * (Debian package prometheus) accepts it.
 */
class PrometheusMetricsIT {

    /** memcached_exporter's metrics that a memcached without slab details exports, and their types. */
    private static final Map<String, String> EXPORTER = exporterNames();

    private static Map<String, String> exporterNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("memcached_up", "gauge");
        // The exporter types it a counter without _total, which the Prometheus client cannot write; the
        // name is what dashboards query, so it is kept, as a gauge.
        names.put("memcached_uptime_seconds", "gauge");
        names.put("memcached_version", "gauge");
        names.put("memcached_commands_total", "counter");
        names.put("memcached_current_items", "gauge");
        names.put("memcached_items_total", "counter");
        names.put("memcached_items_evicted_total", "counter");
        names.put("memcached_items_reclaimed_total", "counter");
        names.put("memcached_current_bytes", "gauge");
        names.put("memcached_limit_bytes", "gauge");
        names.put("memcached_malloced_bytes", "gauge");
        names.put("memcached_current_connections", "gauge");
        names.put("memcached_connections_total", "counter");
        names.put("memcached_connections_yielded_total", "counter");
        names.put("memcached_read_bytes_total", "counter");
        names.put("memcached_written_bytes_total", "counter");
        return names;
    }

    @Test
    void metricsCarryMemcachedExportersNamesHelpAndTypesAndPromtoolAcceptsThem() throws Exception {
        int adminPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            adminPort = socket.getLocalPort();
        }
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "-m", "32", "--admin-port",
                String.valueOf(adminPort), "-o", "metrics_public=true");
             TextConnection client = new TextConnection(Integer.parseInt(
                     larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1)))) {
            larder.awaitLine("admin console listening");
            client.send("set a 0 0 1\r\n1\r\nget a\r\nget b\r\n");
            assertThat(client.line()).isEqualTo("STORED");
            assertThat(client.line()).isEqualTo("VALUE a 0 1");
            assertThat(client.line()).isEqualTo("1");
            assertThat(client.line()).isEqualTo("END");
            assertThat(client.line()).isEqualTo("END");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("metrics_public=true: no password asked").isEqualTo(200);
            String body = response.body();
            for (Map.Entry<String, String> metric : EXPORTER.entrySet()) {
                assertThat(body).as(metric.getKey())
                        .containsPattern("(?m)^# HELP " + metric.getKey() + " \\S")
                        .containsPattern("(?m)^# TYPE " + metric.getKey() + " " + metric.getValue() + "$")
                        .containsPattern("(?m)^" + metric.getKey() + "(\\{[^}]*\\})? ");
            }
            assertThat(value(body, "memcached_commands_total\\{command=\"get\",status=\"hit\"\\}")).isEqualTo(1);
            assertThat(value(body, "memcached_commands_total\\{command=\"get\",status=\"miss\"\\}")).isEqualTo(1);
            assertThat(value(body, "memcached_current_items")).isEqualTo(1);
            assertThat(value(body, "memcached_limit_bytes")).isEqualTo(32.0 * 1024 * 1024);
            assertThat(body).containsPattern("(?m)^larder_pooled_direct_memory_bytes ")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{");

            Path promtool = Path.of("/usr/bin/promtool");
            if (Files.isExecutable(promtool)) {
                Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectErrorStream(true).start();
                check.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                check.getOutputStream().close();
                String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(check.waitFor()).as("promtool check metrics: " + said).isZero();
            }
        }
    }

    private static double value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)").matcher(body);
        assertThat(m.find()).as(series + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
