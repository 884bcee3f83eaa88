package dev.larder.protocol.memcached.stats;

import dev.larder.spi.Settings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code stats settings} as memcached gives it: its names, in its order, with
 * this server's values (from the settings of whichever plugin declares them, and
 * from memcached's options that were accepted and ignored), then every setting
 * of Larder's own by its name.
 */
final class MemcachedSettingsStats {

    private final Settings settings;
    private final Map<String, Object> byName = new HashMap<>();
    private final LongSupplier maxbytes;
    private final DetailStats detail;

    MemcachedSettingsStats(Settings settings, LongSupplier maxbytes, DetailStats detail) {
        this.settings = settings;
        this.maxbytes = maxbytes;
        this.detail = detail;
        for (Settings.Value<?> value : settings.all()) {
            byName.put(value.setting().name(), value.value());
        }
    }

    Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("maxbytes", String.valueOf(maxbytes.getAsLong()));
        v.put("maxconns", text("max_connections", "1024"));
        v.put("tcpport", text("port", "11211"));
        v.put("udpport", text("udp_port", "0"));
        v.put("inter", nullIfEmpty(text("listen", "")));
        v.put("verbosity", text("verbosity", "0"));
        v.put("oldest", "0");
        v.put("evictions", onOff("evictions", true));
        v.put("domain_socket", nullIfEmpty(text("unix_socket", "")));
        v.put("umask", text("unix_mask", "700"));
        v.put("shutdown_command", yesNo("enable_shutdown", false));
        v.put("growth_factor", ignored("growth_factor", "1.25"));
        v.put("chunk_size", ignored("chunk_size", "48"));
        v.put("num_threads", text("threads", "4"));
        v.put("num_threads_per_udp", text("threads", "4"));
        v.put("stat_key_prefix", text("stat_key_prefix", ":"));
        v.put("detail_enabled", detail.enabled() ? "yes" : "no");
        v.put("reqs_per_event", text("reqs_per_event", "20"));
        v.put("cas_enabled", yesNo("cas_enabled", true));
        v.put("tcp_backlog", text("backlog", "1024"));
        v.put("binding_protocol", bindingProtocol());
        v.put("auth_enabled_sasl", ignored("auth_enabled_sasl", "no"));
        v.put("auth_enabled_ascii", text("auth_file", "").isEmpty() ? "no" : "yes");
        v.put("item_size_max", text("max_item_size", "1048576"));
        v.put("maxconns_fast", ignored("maxconns_fast", "yes"));
        v.put("hashpower_init", ignored("hashpower", "0"));
        v.put("slab_reassign", ignored("slab_reassign", "yes"));
        v.put("slab_automove", ignored("slab_automove", "1"));
        v.put("slab_automove_ratio", ignored("slab_automove_ratio", "0.80"));
        v.put("slab_automove_window", ignored("slab_automove_window", "30"));
        v.put("slab_chunk_max", ignored("slab_chunk_max", "524288"));
        v.put("lru_crawler", ignored("lru_crawler", "yes"));
        v.put("lru_crawler_sleep", ignored("lru_crawler_sleep", "100"));
        v.put("lru_crawler_tocrawl", ignored("lru_crawler_tocrawl", "0"));
        v.put("tail_repair_time", ignored("tail_repair_time", "0"));
        v.put("flush_enabled", yesNo("flush_enabled", true));
        v.put("dump_enabled", yesNo("dump_enabled", true));
        v.put("hash_algorithm", ignored("hash_algorithm", "murmur3"));
        v.put("lru_maintainer_thread", ignored("lru_maintainer", "yes"));
        v.put("lru_segmented", ignored("lru_segmented", "yes"));
        v.put("hot_lru_pct", ignored("hot_lru_pct", "20"));
        v.put("warm_lru_pct", ignored("warm_lru_pct", "40"));
        v.put("hot_max_factor", ignored("hot_max_factor", "0.20"));
        v.put("warm_max_factor", ignored("warm_max_factor", "2.00"));
        v.put("temp_lru", "no");
        v.put("temporary_ttl", ignored("temporary_ttl", "61"));
        v.put("idle_timeout", text("idle_timeout", "0"));
        v.put("watcher_logbuf_size", ignored("watcher_logbuf_size", "262144"));
        v.put("worker_logbuf_size", ignored("worker_logbuf_size", "65536"));
        v.put("read_buf_mem_limit", ignored("read_buf_mem_limit", "0"));
        v.put("track_sizes", ignored("track_sizes", "no"));
        v.put("inline_ascii_response", ignored("inline_ascii_resp", "no"));
        settings.ignored().forEach((name, value) -> {
            if (name.startsWith("ext_")) {
                v.put(name, value); // no extstore here; shown as given
            }
        });
        v.put("slab_automove_freeratio", ignored("slab_automove_freeratio", "0.010"));
        v.put("ssl_enabled", yesNo("ssl_enabled", false));
        v.put("ssl_chain_cert", orNull(text("ssl_chain_cert", ""), "(null)"));
        v.put("ssl_key", orNull(text("ssl_key", ""), "(null)"));
        v.put("ssl_verify_mode", text("ssl_verify_mode", "0"));
        v.put("ssl_keyformat", ignored("ssl_keyformat", "1"));
        v.put("ssl_ciphers", nullIfEmpty(text("ssl_ciphers", "")));
        v.put("ssl_ca_cert", nullIfEmpty(text("ssl_ca_cert", "")));
        v.put("ssl_wbuf_size", String.valueOf(sslWbufSize()));
        v.put("ssl_session_cache", yesNo("ssl_session_cache", false));
        v.put("ssl_kernel_tls", ignored("ssl_kernel_tls", "no"));
        v.put("ssl_min_version", switch (text("ssl_min_version", "2")) {
            case "0" -> "tlsv1";
            case "1" -> "tlsv1.1";
            case "3" -> "tlsv1.3";
            default -> "tlsv1.2";
        });
        v.put("num_napi_ids", ignored("num_napi_ids", "(null)"));
        v.put("memory_file", orNull(text("memory_file", ""), "(null)"));
        for (Settings.Value<?> value : settings.all()) {
            v.putIfAbsent(value.setting().name(), value.setting().format(value.value()));
        }
        return v;
    }

    private String bindingProtocol() {
        String protocol = text("binding_protocol", "auto");
        return protocol.equals("auto") ? "auto-negotiate" : protocol;
    }

    /** memcached's -o ssl_wbuf_size is in kilobytes; its stats say bytes. */
    private long sslWbufSize() {
        String given = settings.ignored().get("ssl_wbuf_size");
        try {
            return given == null ? 16384 : Long.parseLong(given) * 1024;
        } catch (NumberFormatException e) {
            return 16384;
        }
    }

    private String text(String name, String otherwise) {
        Object value = byName.get(name);
        return value == null ? otherwise : String.valueOf(value);
    }

    private String yesNo(String name, boolean otherwise) {
        Object value = byName.get(name);
        return (value instanceof Boolean b ? b : otherwise) ? "yes" : "no";
    }

    private String onOff(String name, boolean otherwise) {
        return yesNo(name, otherwise).equals("yes") ? "on" : "off";
    }

    private String ignored(String name, String otherwise) {
        return settings.ignored().getOrDefault(name, otherwise);
    }

    private static String nullIfEmpty(String text) {
        return orNull(text, "NULL");
    }

    private static String orNull(String text, String none) {
        return text.isEmpty() ? none : text;
    }
}
