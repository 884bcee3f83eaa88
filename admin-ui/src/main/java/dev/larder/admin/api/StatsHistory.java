package dev.larder.admin.api;

import dev.larder.spi.net.NetworkStatistics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One sample of the console's figures a second, the last ten minutes of them,
 * so that a page opened now charts what happened before it was opened
 * ({@code GET /api/stats/history}). The same tick notices certificates being
 * reloaded (SIGHUP, refresh_certs or JMX) for the event list.
 */
final class StatsHistory implements AutoCloseable {

    static final int SECONDS_KEPT = 600;

    private final StatsApi stats;
    private final NetworkStatistics network;
    private final ConsoleEvents events;
    private final Deque<Map<String, Object>> samples = new ArrayDeque<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "larder-console-history");
        thread.setDaemon(true);
        return thread;
    });
    private long certificatesLoadedAt;

    StatsHistory(StatsApi stats, NetworkStatistics network, ConsoleEvents events) {
        this.stats = stats;
        this.network = network;
        this.events = events;
        this.certificatesLoadedAt = network.tls().lastCertificateRefreshMillis();
        sample();
        ticker.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        Map<String, Object> sample = stats.snapshot();
        synchronized (samples) {
            samples.addLast(sample);
            if (samples.size() > SECONDS_KEPT) {
                samples.removeFirst();
            }
        }
        long loadedAt = network.tls().lastCertificateRefreshMillis();
        if (loadedAt != certificatesLoadedAt) {
            certificatesLoadedAt = loadedAt;
            events.record("TLS certificates reloaded", "server (SIGHUP, refresh_certs or JMX)");
        }
    }

    /** The samples, oldest first. */
    List<Map<String, Object>> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
