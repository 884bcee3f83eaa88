package dev.larder.spi.net;

import dev.larder.spi.Description;

/** {@code dev.larder:type=Network,name=BufferStats}: the network's buffer figures over all connections. */
@Description("dev.larder:type=Network,name=BufferStats: the network's buffer figures over all connections.")
public interface BufferStatsMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Network,name=BufferStats";

    @Description("Bytes received from clients since start (bytes_read).")
    long getBytesRead();

    @Description("Bytes sent to clients since start (bytes_written).")
    long getBytesWritten();

    /** Received bytes not yet served, now. */
    @Description("Received bytes not yet served, now.")
    long getInputBuffered();

    /** The most received bytes one connection has held unserved. */
    @Description("The most received bytes one connection has held unserved.")
    long getInputBufferedPeak();

    /** Response bytes not yet written, now. */
    @Description("Response bytes not yet written, now.")
    long getOutputPending();

    /** The most response bytes one connection has had waiting. */
    @Description("The most response bytes one connection has had waiting.")
    long getOutputPendingPeak();

    /** Response reservations made: one per response. */
    @Description("Response reservations made: one per response.")
    long getReservations();

    /** Value bytes copied into responses. */
    @Description("Value bytes copied into responses.")
    long getBytesCopied();

    /** Value bytes sent by reference, without a copy. */
    @Description("Value bytes sent by reference, without a copy.")
    long getBytesByReference();

    @Description("Flushes to the network: one per batch of responses.")
    long getFlushes();

    @Description("Times a connection yielded its event loop (conn_yields).")
    long getYields();

    @Description("Connections closed for being idle (idle_kicks).")
    long getIdleKicks();

    @Description("Client connections open now (curr_connections).")
    long getCurrentConnections();

    @Description("Client connections accepted since start (total_connections).")
    long getTotalConnections();

    @Description("Connections refused at the -c limit (rejected_connections).")
    long getRejectedConnections();

    /** Direct memory held by the pooled buffer allocator. */
    @Description("Direct memory held by the pooled buffer allocator.")
    long getPooledDirectMemory();

    /** Heap memory held by the pooled buffer allocator. */
    @Description("Heap memory held by the pooled buffer allocator.")
    long getPooledHeapMemory();

    @Description("Bytes of requests still arriving that connections hold beyond 16 KiB each, now"
            + " (bounded by max_pending_input).")
    long getPendingInput();

    @Description("Requests refused because the budget for requests in progress (max_pending_input) was spent.")
    long getPendingInputRefused();

    @Description("Response bytes waiting for slow readers, charged to max_pending_output, now.")
    long getPendingOutput();

    @Description("Times a connection was held back because max_pending_output was spent.")
    long getOutputBudgetHolds();

    @Description("Direct memory in use now: the store's items and every network buffer.")
    long getDirectMemoryUsed();

    @Description("The JVM's cap on direct memory (-XX:MaxDirectMemorySize).")
    long getDirectMemoryLimit();
}
