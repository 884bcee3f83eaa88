package dev.larder.protocol.memcached.stats;

import dev.larder.spi.Settings;
import dev.larder.spi.net.ConnectionInfo;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.TlsFigures;
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

    /** What memcached's "libevent" says: the event library's version, here Netty's. */
    private static final String NETTY = "netty-" + io.netty.util.Version.identify().values().stream()
            .map(io.netty.util.Version::artifactVersion).findFirst().orElse("4");

    private final CommandCounters counters;
    private final MemcachedSettingsStats memcachedSettings;
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
        this.memcachedSettings = new MemcachedSettingsStats(settings, () -> store.stats().limitMaxbytes(),
                counters.detail);
    }

    public CommandCounters counters() {
        return counters;
    }

    /** {@code stats reset}: the commands' counts and the store's start again, as memcached's do. */
    public void reset() {
        counters.reset();
        store.resetStats();
    }

    public String version() {
        return version;
    }

    /**
     * memcached's general statistics: its names, in its order, as memcached
     * 1.6.18 gives them (the LRU crawler's and maintainer's only while they
     * would run, idle_kicks while the idle timer is on, TLS's with TLS), so a
     * client or a test counting them finds the same. Figures of memcached's own
     * machinery that Larder has no counterpart of are 0. Larder's own figures are
     * in {@code stats larder}.
     */
    public Map<String, String> values() {
        long now = clock.millis() / 1000;
        StoreStats s = store.stats();
        NetworkTotals n = network.totals();
        Map<String, Long> commands = counters.values(s.getExpired(), s.getFlushed());
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("pid", String.valueOf(pid));
        stats.put("uptime", String.valueOf(now - startedSeconds));
        stats.put("time", String.valueOf(now));
        stats.put("version", version);
        stats.put("libevent", NETTY);
        stats.put("pointer_size", "64");
        ProcessTimes cpu = ProcessTimes.now();
        stats.put("rusage_user", cpu.user());
        stats.put("rusage_system", cpu.system());
        stats.put("max_connections", String.valueOf(n.maxConnections()));
        stats.put("curr_connections", String.valueOf(n.currConnections()));
        stats.put("total_connections", String.valueOf(n.totalConnections()));
        stats.put("rejected_connections", String.valueOf(n.rejectedConnections()));
        stats.put("connection_structures", String.valueOf(n.currConnections() + network.listeners().size()));
        for (String name : new String[] {"response_obj_oom", "response_obj_count", "response_obj_bytes"}) {
            stats.put(name, "0");
        }
        stats.put("read_buf_count", String.valueOf(n.currConnections()));
        stats.put("read_buf_bytes", String.valueOf(n.inputBuffered()));
        stats.put("read_buf_bytes_free", "0");
        stats.put("read_buf_oom", String.valueOf(n.pendingInputRefused()));
        stats.put("reserved_fds", "0");
        commands.forEach((name, value) -> {
            stats.put(name, String.valueOf(value));
            if (name.equals("auth_errors") && idleTimerConfigured()) {
                stats.put("idle_kicks", String.valueOf(n.idleKicks()));
            }
        });
        stats.put("bytes_read", String.valueOf(n.bytesRead()));
        stats.put("bytes_written", String.valueOf(n.bytesWritten()));
        stats.put("limit_maxbytes", String.valueOf(s.limitMaxbytes()));
        stats.put("accepting_conns", "1");
        stats.put("listen_disabled_num", "0");
        stats.put("time_in_listen_disabled_us", "0");
        stats.put("threads", String.valueOf(n.threads()));
        stats.put("conn_yields", String.valueOf(n.connYields()));
        stats.put("hash_power_level", String.valueOf(63 - Long.numberOfLeadingZeros(Math.max(1, s.hashBuckets()))));
        stats.put("hash_bytes", String.valueOf(s.hashBuckets() * 4));
        stats.put("hash_is_expanding", "0");
        for (String name : new String[] {"slab_reassign_rescues", "slab_reassign_chunk_rescues",
                "slab_reassign_evictions_nomem", "slab_reassign_inline_reclaim", "slab_reassign_busy_items",
                "slab_reassign_busy_deletes", "slab_reassign_running"}) {
            stats.put(name, "0");
        }
        stats.put("slabs_moved", String.valueOf(s.slabsMoved()));
        if (!off("lru_crawler")) {
            stats.put("lru_crawler_running", "0");
            stats.put("lru_crawler_starts", "0");
        }
        if (!off("lru_maintainer")) {
            stats.put("lru_maintainer_juggles", "0");
        }
        for (String name : new String[] {"malloc_fails", "log_worker_dropped", "log_worker_written",
                "log_watcher_skipped", "log_watcher_sent", "log_watchers"}) {
            stats.put(name, "0");
        }
        TlsFigures tls = network.tls();
        if (tls.enabled()) {
            if (tls.newSessions() >= 0) {
                stats.put("ssl_new_sessions", String.valueOf(tls.newSessions()));
            }
            stats.put("ssl_handshake_errors", String.valueOf(tls.handshakeErrors()));
            stats.put("time_since_server_cert_refresh",
                    String.valueOf(Math.max(0, now - tls.lastCertificateRefreshMillis() / 1000)));
        }
        stats.put("unexpected_napi_ids", "0");
        stats.put("round_robin_fallback", "0");
        stats.put("bytes", String.valueOf(s.bytes()));
        stats.put("curr_items", String.valueOf(s.currItems()));
        stats.put("total_items", String.valueOf(s.totalItems()));
        stats.put("slab_global_page_pool", "0");
        stats.put("expired_unfetched", String.valueOf(s.expiredUnfetched()));
        stats.put("evicted_unfetched", String.valueOf(s.evictedUnfetched()));
        if (!off("lru_maintainer")) {
            stats.put("evicted_active", "0");
        }
        stats.put("evictions", String.valueOf(s.evictions()));
        stats.put("reclaimed", String.valueOf(s.reclaimed()));
        stats.put("crawler_reclaimed", "0");
        stats.put("crawler_items_checked", "0");
        stats.put("lrutail_reflocked", "0");
        if (!off("lru_maintainer")) {
            for (String name : new String[] {"moves_to_cold", "moves_to_warm", "moves_within_lru", "direct_reclaims",
                    "lru_bumps_dropped"}) {
                stats.put(name, "0");
            }
        }
        return stats;
    }

    /** Larder's own figures, {@code stats larder}: the network's buffers and budgets (see BufferStatsMXBean). */
    public Map<String, String> larderValues() {
        StoreStats s = store.stats();
        NetworkTotals n = network.totals();
        Map<String, String> stats = new LinkedHashMap<>();
        stats.put("total_malloced", String.valueOf(s.totalMalloced()));
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
        stats.put("idle_kicks", String.valueOf(n.idleKicks()));
        return stats;
    }

    public byte[] larderReply() {
        return text(larderValues());
    }

    /** Whether one of memcached's background threads was switched off with -o no_NAME. */
    private boolean off(String option) {
        return "no".equals(settings.ignored().get(option));
    }

    private boolean idleTimerConfigured() {
        for (Settings.Value<?> value : settings.all()) {
            if (value.setting().name().equals("idle_timeout")) {
                return value.value() instanceof Integer seconds && seconds > 0;
            }
        }
        return false;
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
            case "larder" -> larderValues();
            case "sizes" -> Map.of("sizes_status", "disabled");
            default -> null;
        };
    }

    /** The text protocol's reply: a STAT line each, then END. */
    public byte[] textReply() {
        return text(values());
    }

    /**
     * {@code stats settings}: memcached's names and order first, then every
     * setting of the server's by its own name, the transport and the TLS engine in use.
     */
    public Map<String, String> settingsValues() {
        Map<String, String> values = memcachedSettings.values();
        values.put("transport", network.transport()); // what auto chose, not the setting's word
        values.put("ssl_provider", network.tls().provider());
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
            values.put(prefix + "free_chunks_end", "0");
            values.put(prefix + "mem_requested", String.valueOf(c.memRequested()));
        }
        values.put("active_slabs", String.valueOf(classes.stream().filter(c -> c.pages() > 0).count()));
        values.put("total_malloced", String.valueOf(store.stats().totalMalloced()));
        return values;
    }

    public byte[] slabsReply() {
        return text(slabsValues());
    }

    /**
     * {@code stats conns}: the listeners (state conn_listening), then each
     * connection's address, listener, state and seconds since its last command,
     * as memcached (numbered by connection id where memcached numbers by file
     * descriptor; listeners after the connections' numbers).
     */
    public Map<String, String> connsValues() {
        Map<String, String> values = new LinkedHashMap<>();
        long now = clock.millis();
        List<ConnectionInfo> connections = network.connections();
        long listenerId = connections.stream().mapToLong(ConnectionInfo::id).max().orElse(0) + 1;
        for (String listener : network.listeners()) {
            String prefix = listenerId++ + ":";
            values.put(prefix + "addr", listener);
            values.put(prefix + "state", "conn_listening");
        }
        for (ConnectionInfo c : connections) {
            String prefix = c.id() + ":";
            values.put(prefix + "addr", withTransport(c.remoteAddress()));
            values.put(prefix + "listen_addr", withTransport(c.localAddress()));
            values.put(prefix + "state", c.state());
            // To the nearest second, as memcached's count of its one-second clock's ticks comes out.
            values.put(prefix + "secs_since_last_cmd", String.valueOf((Math.max(0, now - c.lastActivityMillis()) + 500) / 1000));
        }
        return values;
    }

    /** memcached names an address with its transport: tcp:host:port, unix:path. */
    private static String withTransport(String address) {
        return address.startsWith("unix:") ? address : "tcp:" + address;
    }

    public byte[] connsReply() {
        return text(connsValues());
    }

    /** {@code stats items}: each size class's items and what became of those that went, as memcached. */
    public Map<String, String> itemsValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (SlabClassStats c : store.slabClasses()) {
            if (c.items() == 0 && c.evicted() == 0 && c.outOfMemory() == 0) {
                continue;
            }
            String prefix = "items:" + c.id() + ":";
            values.put(prefix + "number", String.valueOf(c.items()));
            values.put(prefix + "number_hot", "0");
            values.put(prefix + "number_warm", "0");
            values.put(prefix + "number_cold", String.valueOf(c.items()));
            values.put(prefix + "age_hot", "0");
            values.put(prefix + "age_warm", "0");
            values.put(prefix + "age", String.valueOf(c.ageSeconds()));
            values.put(prefix + "mem_requested", String.valueOf(c.memRequested()));
            values.put(prefix + "evicted", String.valueOf(c.evicted()));
            values.put(prefix + "evicted_nonzero", String.valueOf(c.evictedNonzero()));
            values.put(prefix + "evicted_time", String.valueOf(c.evictedTime()));
            values.put(prefix + "outofmemory", String.valueOf(c.outOfMemory()));
            values.put(prefix + "tailrepairs", "0");
            values.put(prefix + "reclaimed", String.valueOf(c.reclaimed()));
            values.put(prefix + "expired_unfetched", String.valueOf(c.expiredUnfetched()));
            values.put(prefix + "evicted_unfetched", String.valueOf(c.evictedUnfetched()));
            values.put(prefix + "evicted_active", "0");
            values.put(prefix + "crawler_reclaimed", "0");
            values.put(prefix + "crawler_items_checked", "0");
            values.put(prefix + "lrutail_reflocked", "0");
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
