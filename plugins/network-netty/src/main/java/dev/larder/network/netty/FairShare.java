package dev.larder.network.netty;

import dev.larder.spi.Settings;
import dev.larder.spi.net.FairShareMXBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fair-sharing switch and its limits, read by every connection before each
 * request so a change reaches open connections at once; and the yield counts.
 */
@Singleton
final class FairShare implements FairShareMXBean {

    /** Why a connection stopped serving before its input ran out. */
    enum Yield { REQUESTS, TIME_SLICE, SEND_QUEUE }

    private volatile boolean enabled;
    private volatile int reqsPerEvent;
    private final long timeSliceNanos;
    private final long sendQueueLimit;
    private final LongAdder yields = new LongAdder();
    private final LongAdder timeSliceYields = new LongAdder();

    @Inject
    FairShare(Settings settings) {
        this.enabled = settings.get(NetworkSettings.FAIR_SHARE);
        this.reqsPerEvent = settings.get(NetworkSettings.REQS_PER_EVENT);
        this.timeSliceNanos = TimeUnit.MILLISECONDS.toNanos(settings.get(NetworkSettings.TIME_SLICE_MILLIS));
        this.sendQueueLimit = settings.get(NetworkSettings.SEND_QUEUE_LIMIT);
    }

    /**
     * Whether a connection that has served {@code served} requests since
     * {@code startNanos}, with {@code pendingOutput} bytes not yet written, must
     * yield now; null when it may go on.
     */
    Yield shouldYield(int served, long startNanos, long pendingOutput) {
        if (!enabled || served == 0) {
            return null;
        }
        if (served >= reqsPerEvent) {
            return Yield.REQUESTS;
        }
        if (pendingOutput > sendQueueLimit) {
            return Yield.SEND_QUEUE;
        }
        if (System.nanoTime() - startNanos > timeSliceNanos) {
            return Yield.TIME_SLICE;
        }
        return null;
    }

    void counted(Yield why) {
        yields.increment();
        if (why == Yield.TIME_SLICE) {
            timeSliceYields.increment();
        }
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public int getReqsPerEvent() {
        return reqsPerEvent;
    }

    @Override
    public void setReqsPerEvent(int reqsPerEvent) {
        if (reqsPerEvent < 1) {
            throw new IllegalArgumentException("reqsPerEvent must be at least 1, got " + reqsPerEvent);
        }
        this.reqsPerEvent = reqsPerEvent;
    }

    @Override
    public long getYields() {
        return yields.sum();
    }

    @Override
    public long getTimeSliceYields() {
        return timeSliceYields.sum();
    }
}
