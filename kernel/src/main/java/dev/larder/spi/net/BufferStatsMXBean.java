package dev.larder.spi.net;

/** {@code dev.larder:type=Network,name=BufferStats}: the network's buffer figures over all connections. */
public interface BufferStatsMXBean {

    long getBytesRead();

    long getBytesWritten();

    /** Received bytes not yet served, now. */
    long getInputBuffered();

    /** The most received bytes one connection has held unserved. */
    long getInputBufferedPeak();

    /** Response bytes not yet written, now. */
    long getOutputPending();

    /** The most response bytes one connection has had waiting. */
    long getOutputPendingPeak();

    /** Response reservations made: one per response. */
    long getReservations();

    /** Value bytes copied into responses. */
    long getBytesCopied();

    /** Value bytes sent by reference, without a copy. */
    long getBytesByReference();

    long getFlushes();

    long getYields();

    long getIdleKicks();

    long getCurrentConnections();

    long getTotalConnections();

    long getRejectedConnections();

    /** Direct memory held by the pooled buffer allocator. */
    long getPooledDirectMemory();

    /** Heap memory held by the pooled buffer allocator. */
    long getPooledHeapMemory();
}
