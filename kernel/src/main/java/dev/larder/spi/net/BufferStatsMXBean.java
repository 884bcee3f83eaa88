package dev.larder.spi.net;

import dev.larder.spi.Description;
import dev.larder.spi.Metric;

/** {@code dev.larder:type=Network,name=BufferStats}: the network's buffer figures over all connections. */
@Description("dev.larder:type=Network,name=BufferStats: the network's buffer figures over all connections.")
public interface BufferStatsMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Network,name=BufferStats";

    @Description("Bytes received from clients since start (bytes_read).")
    @Metric(value = "memcached_read_bytes_total", counter = true)
    long getBytesRead();

    @Description("Bytes sent to clients since start (bytes_written).")
    @Metric(value = "memcached_written_bytes_total", counter = true)
    long getBytesWritten();

    /** Received bytes not yet served, now. */
    @Description("Received bytes not yet served, now.")
    @Metric("larder_input_buffered_bytes")
    long getInputBuffered();

    /** The most received bytes one connection has held unserved. */
    @Description("The most received bytes one connection has held unserved.")
    @Metric("larder_input_buffered_peak_bytes")
    long getInputBufferedPeak();

    /** Response bytes not yet written, now. */
    @Description("Response bytes not yet written, now.")
    @Metric("larder_output_pending_bytes")
    long getOutputPending();

    /** The most response bytes one connection has had waiting. */
    @Description("The most response bytes one connection has had waiting.")
    @Metric("larder_output_pending_peak_bytes")
    long getOutputPendingPeak();

    /** Response reservations made: one per response. */
    @Description("Response reservations made: one per response.")
    @Metric(value = "larder_response_reservations_total", counter = true)
    long getReservations();

    /** Value bytes copied into responses. */
    @Description("Value bytes copied into responses.")
    @Metric(value = "larder_send_bytes_copied_total", counter = true)
    long getBytesCopied();

    /** Value bytes sent by reference, without a copy. */
    @Description("Value bytes sent by reference, without a copy.")
    @Metric(value = "larder_send_bytes_by_reference_total", counter = true)
    long getBytesByReference();

    @Description("Flushes to the network: one per batch of responses.")
    @Metric(value = "larder_flushes_total", counter = true)
    long getFlushes();

    @Description("Times a connection yielded its event loop (conn_yields).")
    @Metric(value = "memcached_connections_yielded_total", counter = true)
    long getYields();

    @Description("Connections closed for being idle (idle_kicks).")
    @Metric(value = "larder_idle_kicks_total", counter = true)
    long getIdleKicks();

    @Description("Client connections open now (curr_connections).")
    @Metric("memcached_current_connections")
    long getCurrentConnections();

    @Description("Client connections accepted since start (total_connections).")
    @Metric(value = "memcached_connections_total", counter = true)
    long getTotalConnections();

    @Description("Connections refused at the -c limit (rejected_connections).")
    @Metric(value = "memcached_connections_rejected_total", counter = true)
    long getRejectedConnections();

    /** Direct memory held by the pooled buffer allocator. */
    @Description("Direct memory held by the pooled buffer allocator.")
    @Metric("larder_pooled_direct_memory_bytes")
    long getPooledDirectMemory();

    /** Heap memory held by the pooled buffer allocator. */
    @Description("Heap memory held by the pooled buffer allocator.")
    @Metric("larder_pooled_heap_memory_bytes")
    long getPooledHeapMemory();

    @Description("Bytes of requests still arriving that connections hold beyond 16 KiB each, now"
            + " (bounded by max_pending_input).")
    @Metric("larder_pending_input_bytes")
    long getPendingInput();

    @Description("Requests refused because the budget for requests in progress (max_pending_input) was spent.")
    @Metric(value = "larder_pending_input_refused_total", counter = true)
    long getPendingInputRefused();

    @Description("Response bytes waiting for slow readers, charged to max_pending_output, now.")
    @Metric("larder_pending_output_bytes")
    long getPendingOutput();

    @Description("Times a connection was held back because max_pending_output was spent.")
    @Metric(value = "larder_output_budget_holds_total", counter = true)
    long getOutputBudgetHolds();

    @Description("Direct memory in use now: the store's items and every network buffer.")
    @Metric("larder_direct_memory_used_bytes")
    long getDirectMemoryUsed();

    @Description("The JVM's cap on direct memory (-XX:MaxDirectMemorySize).")
    @Metric("larder_direct_memory_limit_bytes")
    long getDirectMemoryLimit();
}
