package dev.larder.network.netty;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When an event loop that keeps finding work gives up its core: at the end of a
 * round that served something, once per interval. A busy loop would otherwise run
 * until the kernel's scheduler takes the core from it, which on a core shared with
 * other threads (the other loop, a client, anything else on the host) is at the
 * end of a time slice, noticed only at the next scheduler tick: up to 4 ms here
 * for whoever waits behind it. {@link Thread#yield()} lets them run now, and costs
 * one cheap system call when nobody waits. The measurements are in bench/README.
 */
final class BusyYield {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Runnable yielder;
    private long lastYield;

    /** @param intervalMicros least time between two yields; 0 never yields ({@code io_yield_us}) */
    static BusyYield everyMicros(int intervalMicros) {
        return new BusyYield(TimeUnit.MICROSECONDS.toNanos(intervalMicros), System::nanoTime, Thread::yield);
    }

    BusyYield(long intervalNanos, LongSupplier nanoClock, Runnable yielder) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.yielder = yielder;
        this.lastYield = nanoClock.getAsLong();
    }

    /** Called by the loop after each round of I/O, with the number of ready channels it handled. */
    void afterRound(int handled) {
        if (handled == 0 || intervalNanos == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastYield >= intervalNanos) {
            lastYield = now;
            yielder.run();
        }
    }
}
