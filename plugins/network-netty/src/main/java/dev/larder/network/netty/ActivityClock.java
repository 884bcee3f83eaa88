package dev.larder.network.netty;

/**
 * When a connection was last active, to a second, without a clock reading per
 * request: requests served and output drained count (not reads: as memcached, a
 * client that only dribbles bytes of a command is idle), and the idle sweep,
 * once a second, turns a change in the count into a time. Opening counts as activity.
 */
final class ActivityClock {

    private long activity = 1;
    private long activitySeen;
    private long lastActivityNanos = System.nanoTime();

    void active() {
        activity++;
    }

    /** When the connection was last seen active: by the sweep at {@code nowNanos} if it was active since the last. */
    long lastActivityNanos(long nowNanos) {
        if (activity != activitySeen) {
            activitySeen = activity;
            lastActivityNanos = nowNanos;
        }
        return lastActivityNanos;
    }

    /**
     * How long ago the connection was last active, as memcached's once-a-second
     * clock tells it: the sweeps are the ticks, so 0 if since the last sweep, else
     * counted from the tick before the sweep that noticed it. Read from other
     * threads, so without updating.
     */
    long idleNanos() {
        if (activity != activitySeen) {
            return 0;
        }
        return System.nanoTime() - lastActivityNanos + 1_000_000_000L;
    }
}
