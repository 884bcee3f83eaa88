package dev.larder.network.netty;

import dev.larder.network.netty.tls.TlsContexts;
import dev.larder.spi.Settings;
import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.TlsFigures;
import dev.larder.spi.net.NetworkTotals;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The open connections and the figures of those closed. Totals are the closed
 * connections' sums plus the open ones' own counters, so the send path never
 * touches a shared counter.
 */
@Singleton
final class ConnectionRegistry implements NetworkStatistics, BufferStatsMXBean {

    /** The I/O transport the listener started on; "none" before it has. */
    private volatile String transport = "none";

    private final Map<Long, BufferEventHandler> open = new ConcurrentHashMap<>();
    private final List<String> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger admitted = new AtomicInteger();
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final int maxConnections;
    private final int threads;
    private final FairShare fairShare;
    private final IdleTimer idleTimer;
    private final TlsContexts tls;
    private final InputBudget inputBudget;
    private final OutputBudget outputBudget;

    private final Object totalsLock = new Object();
    private final LongAdder closedRead = new LongAdder();
    private final LongAdder closedWritten = new LongAdder();
    private final LongAdder closedReservations = new LongAdder();
    private final LongAdder closedCopied = new LongAdder();
    private final LongAdder closedByReference = new LongAdder();
    private final LongAdder closedFlushes = new LongAdder();
    private final LongAccumulator closedInputPeak = new LongAccumulator(Math::max, 0);
    private final LongAccumulator closedOutputPeak = new LongAccumulator(Math::max, 0);

    @Inject
    ConnectionRegistry(Settings settings, FairShare fairShare, IdleTimer idleTimer, TlsContexts tls,
                       InputBudget inputBudget, OutputBudget outputBudget) {
        this.tls = tls;
        this.inputBudget = inputBudget;
        this.outputBudget = outputBudget;
        this.maxConnections = settings.get(NetworkSettings.MAX_CONNECTIONS);
        this.threads = settings.get(NetworkSettings.THREADS);
        this.fairShare = fairShare;
        this.idleTimer = idleTimer;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Takes a place for a new connection; false, counted as rejected, when all are taken. */
    boolean admit() {
        while (true) {
            int now = admitted.get();
            if (now >= maxConnections) {
                rejected.increment();
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                total.increment();
                return true;
            }
        }
    }

    void opened(BufferEventHandler connection) {
        open.put(connection.id(), connection);
    }

    /** Frees the connection's place and keeps its figures in the totals. */
    void closed(BufferEventHandler connection) {
        synchronized (totalsLock) {
            if (open.remove(connection.id()) == null) {
                return;
            }
            ConnectionCounters c = connection.counters();
            closedRead.add(c.bytesRead);
            closedWritten.add(c.bytesWritten);
            closedReservations.add(c.reservations);
            closedCopied.add(c.bytesCopied);
            closedByReference.add(c.bytesByReference);
            closedFlushes.add(c.flushes);
            closedInputPeak.accumulate(c.inputPeak);
            closedOutputPeak.accumulate(c.outputPeak);
        }
        admitted.decrementAndGet();
    }

    /**
     * Flushes what every connection has pending, then closes them all, waiting
     * at most {@code timeout} for each step: a graceful stop.
     */
    void closeAll(long timeout, TimeUnit unit) {
        List<ChannelFuture> flushed = new ArrayList<>();
        for (BufferEventHandler connection : open.values()) {
            flushed.add(connection.flushPending());
        }
        await(flushed, timeout, unit);
        List<ChannelFuture> closed = new ArrayList<>();
        for (BufferEventHandler connection : open.values()) {
            closed.add(connection.close());
        }
        await(closed, timeout, unit);
    }

    private static void await(List<ChannelFuture> futures, long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (ChannelFuture future : futures) {
            future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Runs {@code action} for each open connection served by {@code loop}. */
    void forEachOn(EventExecutor loop, Consumer<BufferEventHandler> action) {
        for (BufferEventHandler connection : open.values()) {
            if (connection.executor() == loop) {
                action.accept(connection);
            }
        }
    }

    @Override
    public NetworkTotals totals() {
        long read;
        long written;
        long reservations;
        long copied;
        long byReference;
        long flushes;
        long inputPeak;
        long outputPeak;
        long inputNow = 0;
        long outputNow = 0;
        int current = 0;
        // One at a time with closed(): a connection closing meanwhile counts once, not twice or not at all.
        synchronized (totalsLock) {
            read = closedRead.sum();
            written = closedWritten.sum();
            reservations = closedReservations.sum();
            copied = closedCopied.sum();
            byReference = closedByReference.sum();
            flushes = closedFlushes.sum();
            inputPeak = closedInputPeak.get();
            outputPeak = closedOutputPeak.get();
            for (BufferEventHandler connection : open.values()) {
                ConnectionCounters c = connection.counters();
                read += c.bytesRead;
                written += c.bytesWritten;
                reservations += c.reservations;
                copied += c.bytesCopied;
                byReference += c.bytesByReference;
                flushes += c.flushes;
                inputPeak = Math.max(inputPeak, c.inputPeak);
                outputPeak = Math.max(outputPeak, c.outputPeak);
                inputNow += connection.inputBuffered();
                outputNow += connection.outputPending();
                current++;
            }
        }
        return new NetworkTotals(maxConnections, current, total.sum(), rejected.sum(), threads, read, written,
                fairShare.getYields(), fairShare.getTimeSliceYields(), idleTimer.getIdleKicks(), inputNow, inputPeak,
                outputNow, outputPeak, reservations, copied, byReference, flushes,
                ConnectionAllocators.usedDirectMemory(), ConnectionAllocators.usedHeapMemory(), inputBudget.held(),
                inputBudget.refused(), outputBudget.charged(), outputBudget.holds(), DirectMemory.used(),
                DirectMemory.cap());
    }

    @Override
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> list = new ArrayList<>(open.size());
        for (BufferEventHandler connection : open.values()) {
            list.add(connection.info());
        }
        list.sort(Comparator.comparingLong(ConnectionInfo::id));
        return list;
    }

    /** A listener is bound: memcached's stats conns shows it, as tcp:ADDR:PORT or unix:PATH. */
    void listening(String address) {
        listeners.add(address.startsWith("unix:") || address.startsWith("udp:") ? address : "tcp:" + address);
    }

    void stoppedListening() {
        listeners.clear();
    }

    @Override
    public List<String> listeners() {
        return List.copyOf(listeners);
    }

    @Override
    public TlsFigures tls() {
        return tls.figures();
    }

    @Override
    public String transport() {
        return transport;
    }

    /** The listener says which transport it started on. */
    void transportChosen(String name) {
        transport = name;
    }

    @Override
    public boolean close(long connectionId) {
        BufferEventHandler connection = open.get(connectionId);
        if (connection == null) {
            return false;
        }
        connection.close();
        return true;
    }

    @Override
    public long getBytesRead() {
        return totals().bytesRead();
    }

    @Override
    public long getBytesWritten() {
        return totals().bytesWritten();
    }

    @Override
    public long getInputBuffered() {
        return totals().inputBuffered();
    }

    @Override
    public long getInputBufferedPeak() {
        return totals().inputBufferedPeak();
    }

    @Override
    public long getOutputPending() {
        return totals().outputPending();
    }

    @Override
    public long getOutputPendingPeak() {
        return totals().outputPendingPeak();
    }

    @Override
    public long getReservations() {
        return totals().reservations();
    }

    @Override
    public long getBytesCopied() {
        return totals().bytesCopied();
    }

    @Override
    public long getBytesByReference() {
        return totals().bytesByReference();
    }

    @Override
    public long getFlushes() {
        return totals().flushes();
    }

    @Override
    public long getYields() {
        return fairShare.getYields();
    }

    @Override
    public long getIdleKicks() {
        return idleTimer.getIdleKicks();
    }

    @Override
    public long getCurrentConnections() {
        return admitted.get();
    }

    @Override
    public long getTotalConnections() {
        return total.sum();
    }

    @Override
    public long getRejectedConnections() {
        return rejected.sum();
    }

    @Override
    public long getPooledDirectMemory() {
        return ConnectionAllocators.usedDirectMemory();
    }

    @Override
    public long getPooledHeapMemory() {
        return ConnectionAllocators.usedHeapMemory();
    }

    @Override
    public long getPendingInput() {
        return inputBudget.held();
    }

    @Override
    public long getPendingInputRefused() {
        return inputBudget.refused();
    }

    @Override
    public long getPendingOutput() {
        return outputBudget.charged();
    }

    @Override
    public long getOutputBudgetHolds() {
        return outputBudget.holds();
    }

    @Override
    public long getDirectMemoryUsed() {
        return DirectMemory.used();
    }

    @Override
    public long getDirectMemoryLimit() {
        return DirectMemory.cap();
    }
}
