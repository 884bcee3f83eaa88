package dev.larder.spi.net;

/**
 * The network's figures over all connections, since start unless "now" or
 * "peak" says otherwise. Names follow memcached's {@code stats} where it has one.
 *
 * @param maxConnections      the connection limit ({@code max_connections}, -c)
 * @param currConnections     connections open now
 * @param totalConnections    connections accepted since start
 * @param rejectedConnections connections refused at the limit
 * @param threads             event-loop threads
 * @param bytesRead           bytes received from clients
 * @param bytesWritten        bytes handed to the network for clients
 * @param connYields          times a connection yielded with input left (fair sharing)
 * @param timeSliceYields     of those, the ones for having used up a time slice
 * @param idleKicks           connections closed for being idle
 * @param inputBuffered       received bytes not yet served, now
 * @param inputBufferedPeak   the most received bytes one connection held unserved
 * @param outputPending       response bytes not yet written, now
 * @param outputPendingPeak   the most response bytes one connection had waiting
 * @param reservations        response reservations made
 * @param bytesCopied         value bytes copied into responses
 * @param bytesByReference    value bytes sent by reference, not copied
 * @param flushes             flushes to the network
 * @param pooledDirectMemory  direct memory the pooled allocator holds
 * @param pooledHeapMemory    heap memory the pooled allocator holds
 * @param pendingInput        bytes of requests still arriving held beyond the free part, now
 * @param pendingInputRefused requests refused because the budget for requests in progress was spent
 * @param pendingOutput       response bytes charged to the budget for slow readers, now
 * @param outputBudgetHolds   times a connection was held back because that budget was spent
 * @param directMemoryUsed    direct memory in use (items and buffers)
 * @param directMemoryLimit   the JVM's cap on direct memory
 */
public record NetworkTotals(long maxConnections, long currConnections, long totalConnections,
                            long rejectedConnections, long threads, long bytesRead, long bytesWritten,
                            long connYields, long timeSliceYields, long idleKicks, long inputBuffered,
                            long inputBufferedPeak, long outputPending, long outputPendingPeak,
                            long reservations, long bytesCopied, long bytesByReference, long flushes,
                            long pooledDirectMemory, long pooledHeapMemory, long pendingInput,
                            long pendingInputRefused, long pendingOutput, long outputBudgetHolds,
                            long directMemoryUsed, long directMemoryLimit) {

    public static final NetworkTotals EMPTY = new NetworkTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0);
}
