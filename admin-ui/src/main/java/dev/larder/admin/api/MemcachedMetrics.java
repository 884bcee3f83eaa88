package dev.larder.admin.api;

import dev.larder.spi.protocol.ProtocolMXBean;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;

/**
 * memcached's figures under the names, types and labels of Prometheus'
 * memcached_exporter, so that Grafana dashboards made for memcached read Larder
 * unchanged: those that are not one getter's value ({@link ExportedFigures}
 * registers those). Each is read from the MXBeans when scraped.
 */
final class MemcachedMetrics {

    private MemcachedMetrics() {
    }

    static void register(PrometheusRegistry registry, BeanReader beans, String version) {
        BeanView<ProtocolMXBean> protocol = beans.view(ProtocolMXBean.PROPERTIES, ProtocolMXBean.class);

        GaugeWithCallback.builder().name("memcached_up").help("Could the memcached server be reached.")
                .callback(callback -> callback.call(1)).register(registry);
        // memcached_exporter types this a counter without _total, which the client library cannot write:
        // the name is what dashboards query, so it is kept, as a gauge.
        GaugeWithCallback.builder().name("memcached_uptime_seconds").help("Number of seconds since the server started.")
                .callback(callback -> callback.call(ManagementFactory.getRuntimeMXBean().getUptime() / 1000))
                .register(registry);
        GaugeWithCallback.builder().name("memcached_version").help("The version of this memcached server.")
                .labelNames("version").callback(callback -> callback.call(1, version)).register(registry);
        CounterWithCallback.builder().name("memcached_commands")
                .help("Total number of all requests broken down by command (get, set, etc.) and status.")
                .labelNames("command", "status")
                .callback(callback -> {
                    callback.call(protocol.read(ProtocolMXBean::getGetHits), "get", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getGetMisses), "get", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getCmdSet), "set", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getDeleteHits), "delete", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getDeleteMisses), "delete", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getIncrHits), "incr", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getIncrMisses), "incr", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getDecrHits), "decr", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getDecrMisses), "decr", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getCasHits), "cas", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getCasMisses), "cas", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getCasBadval), "cas", "badval");
                    callback.call(protocol.read(ProtocolMXBean::getTouchHits), "touch", "hit");
                    callback.call(protocol.read(ProtocolMXBean::getTouchMisses), "touch", "miss");
                    callback.call(protocol.read(ProtocolMXBean::getCmdFlush), "flush", "hit");
                })
                .register(registry);

    }
}
