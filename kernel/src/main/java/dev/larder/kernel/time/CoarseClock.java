package dev.larder.kernel.time;

import dev.larder.spi.Service;
import dev.larder.spi.Slot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's clock, read on every request (item expiry, access times): the
 * time is read from the system once per tick and requests read a field, as
 * memcached's {@code current_time} is updated by a timer instead of a system
 * call per request. Before it starts and after it stops it reads the system clock.
 *
 * <p>It ticks at the set rate only while something reads it; after a tick with no
 * reading it waits {@link #IDLE_TICK_MILLIS}, so an idle server is not woken
 * hundreds of times a second.
 */
public final class CoarseClock extends Clock implements Service {

    /** Time between ticks while nothing reads the clock. */
    static final long IDLE_TICK_MILLIS = 100;

    private final long tickMillis;
    private volatile long millis = System.currentTimeMillis();
    /** Set by readers (only when clear, so a reader rarely writes) and cleared by each tick. */
    private volatile boolean readSinceTick;
    /** The thread that ticks, null when stopped; it stops when it no longer is this. */
    private volatile Thread ticker;

    /**
     * @param tickMillis time between readings of the system clock while it is read: far finer than the
     *     whole seconds that expiry and access times are kept in, because each tick also gives the
     *     kernel's scheduler a moment to switch cores to a waiting event loop ({@code clock_tick_ms})
     */
    public CoarseClock(long tickMillis) {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tick of " + tickMillis + " ms");
        }
        this.tickMillis = tickMillis;
    }

    @Override
    public long millis() {
        if (ticker == null) {
            return System.currentTimeMillis();
        }
        if (!readSinceTick) {
            readSinceTick = true;
        }
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : Clock.system(zone);
    }

    @Override
    public Slot phase() {
        return Slot.STORAGE;
    }

    @Override
    public void start() {
        millis = System.currentTimeMillis();
        Thread thread = new Thread(this::tickWhileCurrent, "larder-clock");
        thread.setDaemon(true);
        ticker = thread;
        thread.start();
    }

    /**
     * The ticks, in a plain loop: it runs hundreds of times a second and is rarely hot enough to be
     * compiled, and a scheduled executor's task, interpreted, cost about 100 µs of CPU a tick.
     */
    private void tickWhileCurrent() {
        while (ticker == Thread.currentThread()) {
            boolean read = readSinceTick;
            readSinceTick = false;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(nextTickMillis(read)));
            millis = System.currentTimeMillis();
        }
    }

    /** When the tick after this one comes: at the set rate if the clock was read since the last tick. */
    long nextTickMillis(boolean readSinceLastTick) {
        return readSinceLastTick ? tickMillis : Math.max(tickMillis, IDLE_TICK_MILLIS);
    }

    @Override
    public void stop() {
        Thread thread = ticker;
        ticker = null;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
