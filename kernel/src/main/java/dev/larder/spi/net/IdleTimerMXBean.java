package dev.larder.spi.net;

import dev.larder.spi.Description;
import dev.larder.spi.Metric;

/**
 * {@code dev.larder:type=Network,name=IdleTimer}: with it on, a connection with
 * no traffic for {@code TimeoutSeconds} is closed. Changes apply to open
 * connections at the next sweep (each second).
 */
@Description("dev.larder:type=Network,name=IdleTimer: with it on, a connection with no traffic for TimeoutSeconds is closed. Changes apply to open connections at the next sweep (each second).")
public interface IdleTimerMXBean {

    /** Its name under {@link dev.larder.spi.ManagedBean#DOMAIN}, for {@link dev.larder.spi.ManagedBean#of} and readers. */
    String PROPERTIES = "type=Network,name=IdleTimer";

    @Description("Whether idle connections are closed; set it to switch it for every connection, open ones included")
    @Metric("larder_idle_timer_enabled")
    boolean isEnabled();

    void setEnabled(boolean enabled);

    @Description("Seconds without traffic after which a connection is closed, while the timer is on")
    @Metric("larder_idle_timeout_seconds")
    int getTimeoutSeconds();

    /** @throws IllegalArgumentException below 1 */
    void setTimeoutSeconds(int seconds);

    /** Connections closed for being idle ({@code idle_kicks}). */
    @Description("Connections closed for being idle (idle_kicks).")
    long getIdleKicks();
}
