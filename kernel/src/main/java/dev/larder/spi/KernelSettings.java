package dev.larder.spi;

import java.util.List;

/** Settings the kernel declares for the server as a whole; plugins may read them. */
public final class KernelSettings {

    public static final Setting<Integer> SHUTDOWN_TIMEOUT = Setting.integer("shutdown_timeout", 5)
            .description("Seconds a graceful stop lets pending responses go out before closing connections")
            .range(0, 3600)
            .build();

    // Each tick is a wake-up at which the kernel's scheduler may switch a shared core to a waiting event
    // loop; 100 ms keeps throughput, 2 ms the latency tail (measured in bench/README.md, "the scheduler tick").
    public static final Setting<Integer> CLOCK_TICK_MILLIS = Setting.integer("clock_tick_ms", 100)
            .description("Milliseconds between readings of the system clock by the server's clock thread;"
                    + " finer ticks shorten the latency tail on busy shared cores and cost a little throughput")
            .range(1, 1000)
            .build();

    public static final List<Setting<?>> ALL = List.of(SHUTDOWN_TIMEOUT, CLOCK_TICK_MILLIS);

    private KernelSettings() {
    }
}
