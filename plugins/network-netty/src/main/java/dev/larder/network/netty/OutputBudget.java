package dev.larder.network.netty;

import dev.larder.spi.Settings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The response bytes waiting for slow readers that all connections together
 * may hold. A connection with more than {@link #FREE_PER_CONNECTION} waiting
 * charges all of it here; once the budget is spent, such connections are no
 * longer served (nor read from) until their client has read what waits. Clients
 * that read keep being served: they hold little and charge nothing.
 */
@Singleton
final class OutputBudget {

    /** What a connection may have waiting without charging the budget. */
    static final int FREE_PER_CONNECTION = 64 * 1024;

    private final long limit;
    private final AtomicLong charged = new AtomicLong();
    private final LongAccumulator peak = new LongAccumulator(Math::max, 0);
    private final LongAdder holds = new LongAdder();

    @Inject
    OutputBudget(Settings settings) {
        this(settings.get(NetworkSettings.MAX_PENDING_OUTPUT));
    }

    OutputBudget(long limit) {
        this.limit = limit;
    }

    /** What a connection with {@code pending} bytes waiting charges: all of them, or nothing under the free part. */
    static long chargeFor(long pending) {
        return pending > FREE_PER_CONNECTION ? pending : 0;
    }

    void change(long delta) {
        if (delta != 0) {
            peak.accumulate(charged.addAndGet(delta));
        }
    }

    /** Whether a connection with {@code pending} bytes waiting must stop being served. */
    boolean mustHold(long pending) {
        return pending > FREE_PER_CONNECTION && charged.get() > limit;
    }

    void counted() {
        holds.increment();
    }

    long charged() {
        return charged.get();
    }

    long peak() {
        return peak.get();
    }

    long holds() {
        return holds.sum();
    }

    long limit() {
        return limit;
    }
}
