package dev.larder.kernel.time;

import dev.larder.spi.Service;
import dev.larder.spi.Slot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's clock, read on every request (item expiry, access times): the
 * time is read from the system once per tick and requests read a field, as
 * memcached's {@code current_time} is updated by a timer instead of a system
 * call per request. Before it starts and after it stops it reads the system clock.
 */
public final class CoarseClock extends Clock implements Service {

    private final long tickMillis;
    private volatile long millis = System.currentTimeMillis();
    private volatile boolean ticking;
    private ScheduledExecutorService ticker;

    /**
     * @param tickMillis time between readings of the system clock: far finer than the whole seconds
     *     that expiry and access times are kept in, because each tick also gives the kernel's scheduler
     *     a moment to switch cores to a waiting event loop ({@code clock_tick_ms})
     */
    public CoarseClock(long tickMillis) {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tick of " + tickMillis + " ms");
        }
        this.tickMillis = tickMillis;
    }

    @Override
    public long millis() {
        return ticking ? millis : System.currentTimeMillis();
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
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "larder-clock");
            thread.setDaemon(true);
            return thread;
        });
        millis = System.currentTimeMillis();
        ticker.scheduleAtFixedRate(() -> millis = System.currentTimeMillis(), tickMillis, tickMillis,
                TimeUnit.MILLISECONDS);
        ticking = true;
    }

    @Override
    public void stop() {
        ticking = false;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
