package dev.larder.admin.api;

import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.protocol.ProtocolMXBean;
import dev.larder.spi.store.StorageMXBean;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.util.function.ToLongFunction;

/**
 * memcached's figures under the names, types and labels of Prometheus'
 * memcached_exporter, so that Grafana dashboards made for memcached read
 * Larder unchanged. Each is read from the MXBeans when scraped.
 */
final class MemcachedMetrics {

    private MemcachedMetrics() {
    }

    static void register(PrometheusRegistry registry, BeanReader beans, String version) {
        BeanView<ProtocolMXBean> protocol = beans.view(ProtocolMXBean.PROPERTIES, ProtocolMXBean.class);
        BeanView<StorageMXBean> storage = beans.view(StorageMXBean.PROPERTIES, StorageMXBean.class);
        BeanView<BufferStatsMXBean> network = beans.view(BufferStatsMXBean.PROPERTIES, BufferStatsMXBean.class);

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

        gauge(registry, "memcached_current_items", "Current number of items stored by this instance.",
                storage, StorageMXBean::getCurrItems);
        counter(registry, "memcached_items_total", "Total number of items stored during the life of this instance.",
                storage, StorageMXBean::getTotalItems);
        counter(registry, "memcached_items_evicted_total",
                "Total number of valid items removed from cache to free memory for new items.",
                storage, StorageMXBean::getEvictions);
        counter(registry, "memcached_items_reclaimed_total",
                "Total number of times an entry was stored using memory from an expired entry.",
                storage, StorageMXBean::getReclaimed);
        gauge(registry, "memcached_current_bytes", "Current number of bytes used to store items.",
                storage, StorageMXBean::getBytes);
        gauge(registry, "memcached_limit_bytes", "Number of bytes this server is allowed to use for storage.",
                storage, StorageMXBean::getLimitMaxbytes);
        gauge(registry, "memcached_malloced_bytes", "Number of bytes of memory allocated to slab pages.",
                storage, StorageMXBean::getTotalMalloced);

        gauge(registry, "memcached_current_connections", "Current number of open connections.",
                network, BufferStatsMXBean::getCurrentConnections);
        counter(registry, "memcached_connections_total",
                "Total number of connections opened since the server started running.",
                network, BufferStatsMXBean::getTotalConnections);
        counter(registry, "memcached_connections_rejected_total",
                "Total number of connections rejected due to hitting the connection limit (-c).",
                network, BufferStatsMXBean::getRejectedConnections);
        counter(registry, "memcached_connections_yielded_total",
                "Total number of connections yielded running due to hitting the memcached's -R limit.",
                network, BufferStatsMXBean::getYields);
        counter(registry, "memcached_read_bytes_total", "Total number of bytes read by this server from network.",
                network, BufferStatsMXBean::getBytesRead);
        counter(registry, "memcached_written_bytes_total", "Total number of bytes sent by this server to network.",
                network, BufferStatsMXBean::getBytesWritten);
    }

    static <T> void gauge(PrometheusRegistry registry, String name, String help, BeanView<T> bean,
                          ToLongFunction<T> figure) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(bean.read(figure)))
                .register(registry);
    }

    static <T> void counter(PrometheusRegistry registry, String name, String help, BeanView<T> bean,
                            ToLongFunction<T> figure) {
        CounterWithCallback.builder().name(name).help(help).callback(callback -> callback.call(bean.read(figure)))
                .register(registry);
    }
}
