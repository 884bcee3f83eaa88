package dev.larder.network.netty;

import dev.larder.spi.Settings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes of requests still arriving that all connections together may hold:
 * a large value being received, a long multi-get line. Each connection holds
 * up to {@link #FREE_PER_CONNECTION} of a request without asking; beyond that
 * it takes its request's size from here before waiting for the rest, and is
 * refused when the budget is spent, so that the protocol can answer as memcached
 * does when it cannot allocate the item ({@code SERVER_ERROR out of memory}).
 * One request larger than the whole budget is admitted when nothing else is
 * held, so that no value up to {@code -I} is ever refused on an idle server.
 */
@Singleton
final class InputBudget {

    /** What a connection may hold of one request without taking from the budget. */
    static final int FREE_PER_CONNECTION = 16 * 1024;

    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final LongAccumulator peak = new LongAccumulator(Math::max, 0);
    private final LongAdder refused = new LongAdder();

    @Inject
    InputBudget(Settings settings) {
        this(settings.get(NetworkSettings.MAX_PENDING_INPUT));
    }

    InputBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} for a connection that already holds {@code alreadyHeld}; false when they do not fit. */
    boolean tryTake(long bytes, long alreadyHeld) {
        while (true) {
            long now = held.get();
            boolean alone = now == alreadyHeld;
            if (now + bytes > limit && !alone) {
                refused.increment();
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                peak.accumulate(now + bytes);
                return true;
            }
        }
    }

    void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    long peak() {
        return peak.get();
    }

    long refused() {
        return refused.sum();
    }

    long limit() {
        return limit;
    }
}
