package dev.larder.protocol.memcached.stats;

import dev.larder.spi.Settings;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.NetworkTotals;
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
    private final NetworkStatistics network;
    private final Settings settings;

    public GeneralStats(ItemStore store, CommandCounters counters, NetworkStatistics network, Settings settings,
                        Clock clock, String version) {
        this.store = store;
        this.network = network;
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
        NetworkTotals n = network.totals();
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("pid", String.valueOf(pid));
        stats.put("uptime", String.valueOf(now - startedSeconds));
        stats.put("time", String.valueOf(now));
        stats.put("version", version);
        stats.put("pointer_size", "64");
        stats.put("max_connections", String.valueOf(n.maxConnections()));
        stats.put("curr_connections", String.valueOf(n.currConnections()));
        stats.put("total_connections", String.valueOf(n.totalConnections()));
        stats.put("rejected_connections", String.valueOf(n.rejectedConnections()));
        stats.put("connection_structures", String.valueOf(n.currConnections()));
        counters.values().forEach((name, value) -> stats.put(name, String.valueOf(value)));
        stats.put("idle_kicks", String.valueOf(n.idleKicks()));
        stats.put("bytes_read", String.valueOf(n.bytesRead()));
        stats.put("bytes_written", String.valueOf(n.bytesWritten()));
        stats.put("limit_maxbytes", String.valueOf(s.limitMaxbytes()));
        stats.put("accepting_conns", "1");
        stats.put("threads", String.valueOf(n.threads()));
        stats.put("conn_yields", String.valueOf(n.connYields()));
        stats.put("bytes", String.valueOf(s.bytes()));
        stats.put("curr_items", String.valueOf(s.currItems()));
        stats.put("total_items", String.valueOf(s.totalItems()));
        stats.put("expired_unfetched", String.valueOf(s.expiredUnfetched()));
        stats.put("evicted_unfetched", String.valueOf(s.evictedUnfetched()));
        stats.put("evictions", String.valueOf(s.evictions()));
        stats.put("reclaimed", String.valueOf(s.reclaimed()));
        stats.put("total_malloced", String.valueOf(s.totalMalloced()));
        // Larder's own figures, after memcached's: the network's buffers (see BufferStatsMXBean).
        stats.put("time_slice_yields", String.valueOf(n.timeSliceYields()));
        stats.put("input_buffered", String.valueOf(n.inputBuffered()));
        stats.put("input_buffered_peak", String.valueOf(n.inputBufferedPeak()));
        stats.put("output_pending", String.valueOf(n.outputPending()));
        stats.put("output_pending_peak", String.valueOf(n.outputPendingPeak()));
        stats.put("response_reservations", String.valueOf(n.reservations()));
        stats.put("send_bytes_copied", String.valueOf(n.bytesCopied()));
        stats.put("send_bytes_by_reference", String.valueOf(n.bytesByReference()));
        stats.put("flushes", String.valueOf(n.flushes()));
        stats.put("pooled_direct_bytes", String.valueOf(n.pooledDirectMemory()));
        stats.put("pooled_heap_bytes", String.valueOf(n.pooledHeapMemory()));
        stats.put("pending_input_bytes", String.valueOf(n.pendingInput()));
        stats.put("pending_input_refused", String.valueOf(n.pendingInputRefused()));
        stats.put("pending_output_bytes", String.valueOf(n.pendingOutput()));
        stats.put("output_budget_holds", String.valueOf(n.outputBudgetHolds()));
        stats.put("direct_memory_used", String.valueOf(n.directMemoryUsed()));
        stats.put("direct_memory_limit", String.valueOf(n.directMemoryLimit()));
        return stats;
    }

    /**
     * A statistics group by the name {@code stats <name>} takes ("" for the
     * general one), for the binary protocol's STAT; null for a group not kept.
     */
    public Map<String, String> group(String name) {
        return switch (name) {
            case "" -> values();
            case "settings" -> settingsValues();
            case "slabs" -> slabsValues();
            case "items" -> itemsValues();
            case "conns" -> connsValues();
            case "sizes" -> Map.of("sizes_status", "disabled");
            default -> null;
        };
    }

    /** The text protocol's reply: a STAT line each, then END. */
    public byte[] textReply() {
        return text(values());
    }

    /** {@code stats settings}: every setting the server was started with, by its name. */
    public Map<String, String> settingsValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Settings.Value<?> value : settings.all()) {
            values.put(value.setting().name(), value.setting().format(value.value()));
        }
        values.put("ssl_provider", network.tlsProvider());
        return values;
    }

    public byte[] settingsReply() {
        return text(settingsValues());
    }

    /** {@code stats slabs}: the size classes holding memory, then their count and the memory taken. */
    public Map<String, String> slabsValues() {
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
        return values;
    }

    public byte[] slabsReply() {
        return text(slabsValues());
    }

    /**
     * {@code stats conns}: each connection's address, listener, state and
     * seconds since its last command, as memcached (numbered by connection id
     * where memcached numbers by file descriptor).
     */
    public Map<String, String> connsValues() {
        Map<String, String> values = new LinkedHashMap<>();
        long now = clock.millis();
        for (ConnectionInfo c : network.connections()) {
            String prefix = c.id() + ":";
            values.put(prefix + "addr", (c.tls() ? "tls:" : "tcp:") + c.remoteAddress());
            values.put(prefix + "listen_addr", (c.tls() ? "tls:" : "tcp:") + c.localAddress());
            values.put(prefix + "state", c.outputPending() > 0 ? "conn_mwrite" : "conn_parse_cmd");
            values.put(prefix + "secs_since_last_cmd", String.valueOf(Math.max(0, now - c.lastActivityMillis()) / 1000));
        }
        return values;
    }

    public byte[] connsReply() {
        return text(connsValues());
    }

    /** {@code stats items}: how many items each size class holds. */
    public Map<String, String> itemsValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (SlabClassStats c : store.slabClasses()) {
            if (c.items() > 0) {
                values.put("items:" + c.id() + ":number", String.valueOf(c.items()));
            }
        }
        return values;
    }

    public byte[] itemsReply() {
        return text(itemsValues());
    }

    private static byte[] text(Map<String, String> stats) {
        StringBuilder out = new StringBuilder(512);
        stats.forEach((name, value) -> out.append("STAT ").append(name).append(' ').append(value).append("\r\n"));
        out.append("END\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
