package dev.larder.network.netty;

/**
 * When a connection was last active, to a tenth of a second (see {@link CoarseClock}):
 * requests served and output drained count, not reads, as memcached, where a
 * client that only dribbles bytes of a command is idle. Opening counts as activity.
 * Written by the connection's event loop, read by others (statistics, sweeps):
 * a stale read is at most one request old.
 */
final class ActivityClock {

    private long lastActiveNanos = CoarseClock.nanos();

    void active() {
        lastActiveNanos = CoarseClock.nanos();
    }

    /** {@link System#nanoTime()} when the connection was last active, early by up to a tick. */
    long lastActiveNanos() {
        return lastActiveNanos;
    }
}
