package dev.larder.spi;

import java.util.List;

/** Settings the kernel declares for the server as a whole; plugins may read them. */
public final class KernelSettings {

    public static final Setting<Integer> SHUTDOWN_TIMEOUT = Setting.integer("shutdown_timeout", 5)
            .description("Seconds a graceful stop lets pending responses go out before closing connections")
            .range(0, 3600)
            .build();

    // A tick wakes the clock's thread, and on cores the event loops share with a busy client each wake-up
    // lets the scheduler switch to a loop that is waiting: ticks finer than the kernel's (4 ms at HZ=250)
    // shorten the latency tail. 2 ms brought p99 to 1.07x memcached's and cost 1-5% of throughput under
    // memaslap (bench/README.md, "the scheduler tick"), so the default keeps throughput.
    public static final Setting<Integer> CLOCK_TICK_MILLIS = Setting.integer("clock_tick_ms", 100)
            .description("Milliseconds between readings of the system clock by the server's clock thread;"
                    + " finer ticks shorten the latency tail on busy shared cores and cost a little throughput")
            .range(1, 1000)
            .build();

    public static final List<Setting<?>> ALL = List.of(SHUTDOWN_TIMEOUT, CLOCK_TICK_MILLIS);

    private KernelSettings() {
    }
}
