package dev.larder.network.netty;

import java.time.Clock;

/**
 * When a connection was last active, by the server's clock (the kernel's coarse
 * clock: a field read, not a system call): requests served and output drained
 * count, not reads, as memcached, where a client that only dribbles bytes of a
 * command is idle. Opening counts as activity. Written by the connection's event
 * loop, read by others (statistics): a stale read is at most one request old.
 */
final class ActivityClock {

    private final Clock clock;
    private long lastActiveMillis;

    ActivityClock(Clock clock) {
        this.clock = clock;
        this.lastActiveMillis = clock.millis();
    }

    void active() {
        lastActiveMillis = clock.millis();
    }

    /** When the connection was last active, in epoch milliseconds. */
    long lastActiveMillis() {
        return lastActiveMillis;
    }
}
