package dev.larder.admin.api;

import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.store.StorageMXBean;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /metrics} in Prometheus' text format, through the Prometheus Java
 * client: memcached's figures under memcached_exporter's names, so dashboards
 * made for memcached work unchanged; Larder's own under {@code larder_}; the
 * JVM's under the client library's standard {@code jvm_} names, which JVM
 * dashboards know.
 */
final class MetricsEndpoint implements HttpHandler {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsEndpoint(BeanReader beans, String version) {
        MemcachedMetrics.register(registry, beans, version);
        exportFigures(beans, StorageMXBean.PROPERTIES, StorageMXBean.class);
        exportFigures(beans, BufferStatsMXBean.PROPERTIES, BufferStatsMXBean.class);
        exportFigures(beans, FairShareMXBean.PROPERTIES, FairShareMXBean.class);
        exportFigures(beans, IdleTimerMXBean.PROPERTIES, IdleTimerMXBean.class);
        JvmMetrics.builder().register(registry);
    }

    private <T> void exportFigures(BeanReader beans, String properties, Class<T> type) {
        ExportedFigures.register(registry, beans.view(properties, type), type);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, registry.scrape());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, writer.getContentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(out.toByteArray()));
    }
}
