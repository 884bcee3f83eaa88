package dev.larder.network.netty;

/**
 * The time to a tenth of a second, read without a system call: the idle sweep's
 * ticker stores {@link System#nanoTime()} here every {@link #TICK_MILLIS} ms, as
 * memcached keeps a {@code current_time} its timer updates. Marking a connection
 * active on every request then costs one memory read, not a clock reading.
 */
final class CoarseClock {

    static final long TICK_MILLIS = 100;

    private static volatile long nanos = System.nanoTime();

    private CoarseClock() {
    }

    /** {@link System#nanoTime()} as of the last tick: behind by up to a tick. */
    static long nanos() {
        return nanos;
    }

    static void tick() {
        nanos = System.nanoTime();
    }
}
