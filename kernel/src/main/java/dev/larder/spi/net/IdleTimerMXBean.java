package dev.larder.spi.net;

/**
 * {@code dev.larder:type=Network,name=IdleTimer}: with it on, a connection with
 * no traffic for {@code TimeoutSeconds} is closed. Changes apply to open
 * connections at the next sweep (each second).
 */
public interface IdleTimerMXBean {

    boolean isEnabled();

    void setEnabled(boolean enabled);

    int getTimeoutSeconds();

    /** @throws IllegalArgumentException below 1 */
    void setTimeoutSeconds(int seconds);

    /** Connections closed for being idle ({@code idle_kicks}). */
    long getIdleKicks();
}
