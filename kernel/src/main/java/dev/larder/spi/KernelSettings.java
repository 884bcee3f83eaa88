package dev.larder.spi;

import java.util.List;

/** Settings the kernel declares for the server as a whole; plugins may read them. */
public final class KernelSettings {

    public static final Setting<Integer> SHUTDOWN_TIMEOUT = Setting.integer("shutdown_timeout", 5)
            .description("Seconds a graceful stop lets pending responses go out before closing connections")
            .range(0, 3600)
            .build();

    // Each tick is a wake-up at which the kernel's scheduler may switch a shared core to a waiting event
    // loop: with the loops' yields (io_yield_us) 2 ms gives both the latency tail and the throughput
    // (bench/README.md, "the scheduler tick" and "busy loops yield"). Idle, the clock ticks every 100 ms.
    public static final Setting<Integer> CLOCK_TICK_MILLIS = Setting.integer("clock_tick_ms", 2)
            .description("Milliseconds between readings of the system clock by the server's clock thread while"
                    + " requests read it (100 when idle); finer ticks shorten the latency tail on busy shared"
                    + " cores")
            .range(1, 1000)
            .build();

    public static final Setting<Integer> VERBOSITY = Setting.integer("verbosity", 0)
            .description("How much is logged: 0 the defaults (conf/logback.xml), 1 also each connection's errors,"
                    + " 2 also its requests (DEBUG), 3 everything (TRACE); memcached's -v, -vv, -vvv")
            .range(0, 3)
            .build();

    public static final Setting<String> LOG_FILE = Setting.string("log_file", "")
            .description("File the log is appended to instead of standard output; empty for standard output"
                    + " (under systemd, the journal). A conf/logback.xml, when there is one, decides instead")
            .flags("--log-file")
            .paramLabel("FILE")
            .build();

    public static final Setting<Boolean> DAEMON = Setting.bool("daemon", false)
            .description("Run in the background: bin/larder returns once the server is up (memcached's -d)")
            .flags("-d", "--daemon")
            .build();

    public static final Setting<String> PID_FILE = Setting.string("pid_file", "")
            .description("Write the server's process id to this file once it is up, and remove it at the stop"
                    + " (memcached's -P)")
            .flags("-P", "--pidfile", "--pid-file")
            .paramLabel("FILE")
            .build();

    public static final Setting<String> USER = Setting.string("user", "")
            .description("Run as this user: bin/larder switches to it when started as root; otherwise it is"
                    + " ignored, as memcached ignores it (memcached's -u)")
            .flags("-u", "--user")
            .paramLabel("USER")
            .build();

    public static final List<Setting<?>> ALL = List.of(SHUTDOWN_TIMEOUT, CLOCK_TICK_MILLIS, VERBOSITY, LOG_FILE, DAEMON,
            PID_FILE, USER);

    private KernelSettings() {
    }
}
