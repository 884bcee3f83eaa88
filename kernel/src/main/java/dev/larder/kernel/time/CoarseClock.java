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

    /**
     * Ten times finer than the whole seconds that expiry times and access times are
     * kept in. Each tick wakes a thread that takes a core from the event loops for a
     * moment, so the ticks are no finer than that needs.
     */
    static final long TICK_MILLIS = 100;

    private volatile long millis = System.currentTimeMillis();
    private volatile boolean ticking;
    private ScheduledExecutorService ticker;

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
        ticker.scheduleAtFixedRate(() -> millis = System.currentTimeMillis(), TICK_MILLIS, TICK_MILLIS,
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
