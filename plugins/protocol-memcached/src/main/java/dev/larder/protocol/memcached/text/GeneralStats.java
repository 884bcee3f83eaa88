package dev.larder.protocol.memcached.text;

import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The reply to a bare {@code stats}: memcached's names, in memcached's order, for
 * the figures this server has so far. Made as text: stats is rare, and clarity
 * beats avoiding a string here.
 */
final class GeneralStats {

    private final ItemStore store;
    private final Clock clock;
    private final String version;
    private final long startedSeconds;
    private final long pid = ProcessHandle.current().pid();

    GeneralStats(ItemStore store, Clock clock, String version) {
        this.store = store;
        this.clock = clock;
        this.version = version;
        this.startedSeconds = clock.millis() / 1000;
    }

    byte[] reply() {
        long now = clock.millis() / 1000;
        StoreStats s = store.stats();
        StringBuilder out = new StringBuilder(512);
        stat(out, "pid", pid);
        stat(out, "uptime", now - startedSeconds);
        stat(out, "time", now);
        stat(out, "version", version);
        stat(out, "pointer_size", 64);
        stat(out, "limit_maxbytes", s.limitMaxbytes());
        stat(out, "threads", Runtime.getRuntime().availableProcessors());
        stat(out, "bytes", s.bytes());
        stat(out, "curr_items", s.currItems());
        stat(out, "total_items", s.totalItems());
        stat(out, "expired_unfetched", s.expiredUnfetched());
        stat(out, "evicted_unfetched", s.evictedUnfetched());
        stat(out, "evictions", s.evictions());
        stat(out, "reclaimed", s.reclaimed());
        stat(out, "total_malloced", s.totalMalloced());
        out.append("END\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void stat(StringBuilder out, String name, Object value) {
        out.append("STAT ").append(name).append(' ').append(value).append("\r\n");
    }
}
