package dev.larder.network.netty;

import dev.larder.spi.Settings;
import dev.larder.spi.net.IdleTimerMXBean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * The idle-timer switch and timeout, read by each event loop's sweep (see
 * {@link IdleSweep}) so a change reaches open connections at the next one.
 * {@code idle_timeout=0}, memcached's "off", starts it off with a 300 s timeout
 * ready for when it is switched on.
 */
@Singleton
final class IdleTimer implements IdleTimerMXBean {

    static final int DEFAULT_TIMEOUT_SECONDS = 300;

    private volatile boolean enabled;
    private volatile int timeoutSeconds;
    private final LongAdder kicks = new LongAdder();
    private final LongAdder sweeps = new LongAdder();

    @Inject
    IdleTimer(Settings settings) {
        int configured = settings.get(NetworkSettings.IDLE_TIMEOUT);
        this.enabled = configured > 0;
        this.timeoutSeconds = configured > 0 ? configured : DEFAULT_TIMEOUT_SECONDS;
    }

    /** Whether a connection last active at {@code lastActivityMillis} is idle at {@code nowMillis}. */
    boolean isIdle(long lastActivityMillis, long nowMillis) {
        return enabled && nowMillis - lastActivityMillis >= timeoutSeconds * 1000L;
    }

    /** Counts a sweep of one event loop's connections, whether the timer is on or not. */
    void swept() {
        sweeps.increment();
    }

    long sweeps() {
        return sweeps.sum();
    }

    void kicked() {
        kicks.increment();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    public void setTimeoutSeconds(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1, got " + seconds);
        }
        this.timeoutSeconds = seconds;
    }

    @Override
    public long getIdleKicks() {
        return kicks.sum();
    }
}
