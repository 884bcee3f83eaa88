package dev.larder.protocol.memcached.stats;

import dev.larder.spi.Settings;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.SlabClassStats;
import dev.larder.spi.store.StoreStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The general statistics: memcached's names, in memcached's order, for the
 * figures this server has so far; the text and binary protocols format them.
 * Stats are rare, so clarity beats avoiding strings here.
 */
public final class GeneralStats {

    private final ItemStore store;
    private final Clock clock;
    private final String version;
    private final long startedSeconds;
    private final long pid = ProcessHandle.current().pid();

    private final CommandCounters counters;
    private final Settings settings;

    public GeneralStats(ItemStore store, CommandCounters counters, Settings settings, Clock clock, String version) {
        this.store = store;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
        this.version = version;
        this.startedSeconds = clock.millis() / 1000;
    }

    public CommandCounters counters() {
        return counters;
    }

    public String version() {
        return version;
    }

    /** Name and value of every statistic, in memcached's order. */
    public Map<String, String> values() {
        long now = clock.millis() / 1000;
        StoreStats s = store.stats();
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("pid", String.valueOf(pid));
        stats.put("uptime", String.valueOf(now - startedSeconds));
        stats.put("time", String.valueOf(now));
        stats.put("version", version);
        stats.put("pointer_size", "64");
        counters.values().forEach((name, value) -> stats.put(name, String.valueOf(value)));
        stats.put("limit_maxbytes", String.valueOf(s.limitMaxbytes()));
        stats.put("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        stats.put("bytes", String.valueOf(s.bytes()));
        stats.put("curr_items", String.valueOf(s.currItems()));
        stats.put("total_items", String.valueOf(s.totalItems()));
        stats.put("expired_unfetched", String.valueOf(s.expiredUnfetched()));
        stats.put("evicted_unfetched", String.valueOf(s.evictedUnfetched()));
        stats.put("evictions", String.valueOf(s.evictions()));
        stats.put("reclaimed", String.valueOf(s.reclaimed()));
        stats.put("total_malloced", String.valueOf(s.totalMalloced()));
        return stats;
    }

    /** The text protocol's reply: a STAT line each, then END. */
    public byte[] textReply() {
        return text(values());
    }

    /** {@code stats settings}: every setting the server was started with, by its name. */
    public byte[] settingsReply() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Settings.Value<?> value : settings.all()) {
            values.put(value.setting().name(), value.setting().format(value.value()));
        }
        return text(values);
    }

    /** {@code stats slabs}: the size classes holding memory, then their count and the memory taken. */
    public byte[] slabsReply() {
        Map<String, String> values = new LinkedHashMap<>();
        List<SlabClassStats> classes = store.slabClasses();
        for (SlabClassStats c : classes) {
            String prefix = c.id() + ":";
            long total = c.pages() * c.chunksPerPage();
            values.put(prefix + "chunk_size", String.valueOf(c.chunkSize()));
            values.put(prefix + "chunks_per_page", String.valueOf(c.chunksPerPage()));
            values.put(prefix + "total_pages", String.valueOf(c.pages()));
            values.put(prefix + "total_chunks", String.valueOf(total));
            values.put(prefix + "used_chunks", String.valueOf(c.usedChunks()));
            values.put(prefix + "free_chunks", String.valueOf(total - c.usedChunks()));
        }
        values.put("active_slabs", String.valueOf(classes.size()));
        values.put("total_malloced", String.valueOf(store.stats().totalMalloced()));
        return text(values);
    }

    /** {@code stats items}: how many items each size class holds. */
    public byte[] itemsReply() {
        Map<String, String> values = new LinkedHashMap<>();
        for (SlabClassStats c : store.slabClasses()) {
            if (c.items() > 0) {
                values.put("items:" + c.id() + ":number", String.valueOf(c.items()));
            }
        }
        return text(values);
    }

    private static byte[] text(Map<String, String> stats) {
        StringBuilder out = new StringBuilder(512);
        stats.forEach((name, value) -> out.append("STAT ").append(name).append(' ').append(value).append("\r\n"));
        out.append("END\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
