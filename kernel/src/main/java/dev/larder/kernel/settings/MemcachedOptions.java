package dev.larder.kernel.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * memcached's options that mean nothing on the JVM (slab and LRU tuning, core
 * dumps, locked or large pages, the extstore, the proxy): accepted as memcached
 * accepts them, so that its command lines start Larder unchanged, and logged
 * once as ignored. Options that do mean something are settings of the kernel or
 * of a plugin, with memcached's flags.
 */
public final class MemcachedOptions {

    /** A flag of memcached's with no meaning here; {@code name} is what {@code stats settings} calls it. */
    public record IgnoredFlag(String shortFlag, String longFlag, boolean takesValue, String name, String why) {
    }

    /** Why most of these are ignored: memory is Larder's own, not memcached's slabs. */
    private static final String SLABS = "Larder's store sizes its own classes and moves pages itself";

    static final List<IgnoredFlag> FLAGS = List.of(
            new IgnoredFlag("-r", "--enable-coredumps", false, "enable_coredumps",
                    "the JVM writes its own crash reports (hs_err files)"),
            new IgnoredFlag("-k", "--lock-memory", false, "lock_memory", "the JVM's memory is not locked"),
            new IgnoredFlag("-L", "--enable-largepages", false, "large_pages",
                    "give the JVM -XX:+UseLargePages in JAVA_OPTS instead"),
            new IgnoredFlag("-f", "--slab-growth-factor", true, "growth_factor", SLABS),
            new IgnoredFlag("-n", "--slab-min-size", true, "chunk_size", SLABS),
            new IgnoredFlag("-N", "--napi-ids", true, "num_napi_ids", "no NAPI-based thread assignment"),
            new IgnoredFlag("-W", "--disable-watch", false, "watch_enabled", "there are no watch commands"),
            new IgnoredFlag("-S", "--enable-sasl", false, "auth_enabled_sasl",
                    "binary clients authenticate with SASL PLAIN against the -Y file, -S or not"));

    /** memcached's -o names with no meaning here, and why; a "no_" in front of one switches it off. */
    static final Map<String, String> EXTENDED = extended();

    private MemcachedOptions() {
    }

    private static Map<String, String> extended() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : List.of("slab_reassign", "slab_automove", "slab_automove_ratio", "slab_automove_window",
                "slab_automove_freeratio", "slab_sizes", "slab_chunk_max", "chunked_items", "hashpower",
                "hashexpand", "hash_algorithm", "tail_repair_time", "lru_crawler", "lru_crawler_sleep",
                "lru_crawler_tocrawl", "lru_maintainer", "lru_segmented", "hot_lru_pct", "warm_lru_pct",
                "hot_max_factor", "warm_max_factor", "temporary_ttl", "track_sizes", "inline_ascii_resp",
                "resp_obj_mem_limit", "read_buf_mem_limit")) {
            names.put(name, SLABS);
        }
        names.put("maxconns_fast", "a connection over -c is always told so and closed at once");
        names.put("watcher_logbuf_size", "there are no watch commands");
        names.put("worker_logbuf_size", "there are no watch commands");
        names.put("modern", "Larder's defaults are its own");
        names.put("drop_privileges", "the JVM has no seccomp sandbox; run it under systemd's");
        names.put("relaxed_privileges", "the JVM has no seccomp sandbox; run it under systemd's");
        names.put("sock_cookie_id", "sockets carry no cookie");
        names.put("ssl_keyformat", "keys are read as PEM");
        names.put("ssl_wbuf_size", "TLS output is sized per response");
        names.put("ssl_kernel_tls", "TLS runs in the JVM (or OpenSSL through netty-tcnative)");
        for (String name : List.of("ext_path", "ext_page_size", "ext_wbuf_size", "ext_threads", "ext_io_depth",
                "ext_item_size", "ext_item_age", "ext_low_ttl", "ext_drop_unread", "ext_recache_rate",
                "ext_compact_under", "ext_drop_under", "ext_max_frag", "ext_max_sleep")) {
            names.put(name, "there is no extstore: items live in memory only");
        }
        for (String name : List.of("proxy_config", "proxy_arg", "proxy_uring", "proxy_memprofile")) {
            names.put(name, "there is no built-in proxy");
        }
        return Map.copyOf(names);
    }
}
