package dev.larder.admin.api;

import static dev.larder.admin.api.MemcachedMetrics.counter;
import static dev.larder.admin.api.MemcachedMetrics.gauge;

import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Predicate;

/** Larder's own figures, which memcached has no name for: buffers, budgets and the two run-time features. */
final class LarderMetrics {

    private LarderMetrics() {
    }

    static void register(PrometheusRegistry registry, BeanReader beans) {
        BeanView<BufferStatsMXBean> buffers = beans.view(BufferStatsMXBean.PROPERTIES, BufferStatsMXBean.class);
        BeanView<FairShareMXBean> fairShare = beans.view(FairShareMXBean.PROPERTIES, FairShareMXBean.class);
        BeanView<IdleTimerMXBean> idleTimer = beans.view(IdleTimerMXBean.PROPERTIES, IdleTimerMXBean.class);

        gauge(registry, "larder_input_buffered_bytes", "Bytes of requests read and not yet served, all connections.",
                buffers, BufferStatsMXBean::getInputBuffered);
        gauge(registry, "larder_input_buffered_peak_bytes", "The most received bytes one connection has held unserved.",
                buffers, BufferStatsMXBean::getInputBufferedPeak);
        gauge(registry, "larder_output_pending_bytes", "Bytes of responses waiting to be sent, all connections.",
                buffers, BufferStatsMXBean::getOutputPending);
        gauge(registry, "larder_output_pending_peak_bytes", "The most response bytes one connection has had waiting.",
                buffers, BufferStatsMXBean::getOutputPendingPeak);
        gauge(registry, "larder_pending_input_bytes",
                "Bytes of half-received requests held beyond each connection's allowance (max_pending_input budget).",
                buffers, BufferStatsMXBean::getPendingInput);
        counter(registry, "larder_pending_input_refused_total",
                "Requests refused because the pending-input budget was spent.",
                buffers, BufferStatsMXBean::getPendingInputRefused);
        gauge(registry, "larder_pending_output_bytes",
                "Bytes of unread responses held beyond each connection's allowance (max_pending_output budget).",
                buffers, BufferStatsMXBean::getPendingOutput);
        counter(registry, "larder_output_budget_holds_total",
                "Times a connection was held back because the pending-output budget was spent.",
                buffers, BufferStatsMXBean::getOutputBudgetHolds);
        counter(registry, "larder_response_reservations_total", "Responses written into reserved buffer space.",
                buffers, BufferStatsMXBean::getReservations);
        counter(registry, "larder_send_bytes_copied_total", "Response bytes copied into network buffers.",
                buffers, BufferStatsMXBean::getBytesCopied);
        counter(registry, "larder_send_bytes_by_reference_total",
                "Response bytes sent straight from the store, without a copy.",
                buffers, BufferStatsMXBean::getBytesByReference);
        counter(registry, "larder_flushes_total", "Flushes to the network: one per batch of responses.", buffers, BufferStatsMXBean::getFlushes);
        counter(registry, "larder_idle_kicks_total", "Connections closed by the idle timer.",
                buffers, BufferStatsMXBean::getIdleKicks);
        gauge(registry, "larder_pooled_direct_memory_bytes", "Direct memory held by the network's buffer pools.",
                buffers, BufferStatsMXBean::getPooledDirectMemory);
        gauge(registry, "larder_pooled_heap_memory_bytes", "Heap memory held by the network's buffer pools.",
                buffers, BufferStatsMXBean::getPooledHeapMemory);
        gauge(registry, "larder_direct_memory_used_bytes", "Direct memory in use, items included.",
                buffers, BufferStatsMXBean::getDirectMemoryUsed);
        gauge(registry, "larder_direct_memory_limit_bytes", "The JVM's cap on direct memory.",
                buffers, BufferStatsMXBean::getDirectMemoryLimit);

        flag(registry, "larder_fair_share_enabled", "1 while fair sharing is on.", fairShare, FairShareMXBean::isEnabled);
        gauge(registry, "larder_fair_share_reqs_per_event", "Requests a connection serves before it yields.",
                fairShare, FairShareMXBean::getReqsPerEvent);
        counter(registry, "larder_time_slice_yields_total", "Yields because a connection used up its time slice.",
                fairShare, FairShareMXBean::getTimeSliceYields);
        flag(registry, "larder_idle_timer_enabled", "1 while the idle timer is on.", idleTimer, IdleTimerMXBean::isEnabled);
        gauge(registry, "larder_idle_timeout_seconds", "Seconds of silence after which the idle timer closes a connection.",
                idleTimer, IdleTimerMXBean::getTimeoutSeconds);
    }

    private static <T> void flag(PrometheusRegistry registry, String name, String help, BeanView<T> bean,
                                 Predicate<T> figure) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(bean.flag(figure)))
                .register(registry);
    }
}
