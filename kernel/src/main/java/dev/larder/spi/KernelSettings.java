package dev.larder.spi;

import java.util.List;

/** Settings the kernel declares for the server as a whole; plugins may read them. */
public final class KernelSettings {

    public static final Setting<Integer> SHUTDOWN_TIMEOUT = Setting.integer("shutdown_timeout", 5)
            .description("Seconds a graceful stop lets pending responses go out before closing connections")
            .range(0, 3600)
            .build();

    public static final List<Setting<?>> ALL = List.of(SHUTDOWN_TIMEOUT);

    private KernelSettings() {
    }
}
