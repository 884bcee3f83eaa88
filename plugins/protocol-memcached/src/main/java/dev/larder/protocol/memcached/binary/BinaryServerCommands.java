package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.protocol.memcached.stats.GeneralStats;
import dev.larder.spi.net.Connection;
import dev.larder.spi.store.ItemStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The commands about the server rather than an item: flush, noop, version and stat. */
final class BinaryServerCommands {

    private static final byte[] DETAILED = "detailed".getBytes(StandardCharsets.US_ASCII);

    private final ItemStore store;
    private final GeneralStats stats;
    private final CommandCounters counters;
    private final byte[] version;
    private final boolean flushEnabled;

    BinaryServerCommands(ItemStore store, GeneralStats stats, byte[] version, boolean flushEnabled) {
        this.store = store;
        this.stats = stats;
        this.counters = stats.counters();
        this.version = version;
        this.flushEnabled = flushEnabled;
    }

    void flush(Connection c, Packet p, boolean quiet) {
        if (!flushEnabled) {
            Responses.error(c, p, Status.AUTH_ERROR); // memcached's answer under -F
            return;
        }
        store.flushAll(p.extrasLength == 4 ? p.extraInt(0) & 0xFFFFFFFFL : 0);
        counters.cmdFlush.increment();
        if (!quiet) {
            Responses.success(c, p, 0);
        }
    }

    void noop(Connection c, Packet p) {
        Responses.success(c, p, 0);
    }

    void version(Connection c, Packet p) {
        Responses.start(c, p, Status.SUCCESS, 0, 0, version.length, 0).writeBytes(version);
    }

    /**
     * STAT with no key, or a group's name as the text protocol's stats takes it
     * (settings, slabs, items, conns, sizes, reset, detail): a packet per
     * statistic, then an empty one.
     */
    void stat(Connection c, Packet p) {
        String group = p.key().toString(StandardCharsets.US_ASCII);
        if (group.equals("reset")) {
            stats.reset();
            Responses.success(c, p, 0);
            return;
        }
        if (group.startsWith("detail")) {
            detail(c, p, group.substring("detail".length()));
            return;
        }
        Map<String, String> values = stats.group(group);
        if (values == null) {
            Responses.error(c, p, Status.KEY_NOT_FOUND);
            return;
        }
        for (Map.Entry<String, String> stat : values.entrySet()) {
            byte[] name = stat.getKey().getBytes(StandardCharsets.US_ASCII);
            byte[] value = stat.getValue().getBytes(StandardCharsets.US_ASCII);
            Responses.start(c, p, Status.SUCCESS, 0, name.length, value.length, 0).writeBytes(name).writeBytes(value);
        }
        Responses.success(c, p, 0);
    }

    /** STAT "detail on|off|dump", as memcached: a "detailed" stat with the dump, then the end. */
    private void detail(Connection c, Packet p, String what) {
        switch (what) {
            case " on", " off" -> counters.detail.enable(what.equals(" on"));
            case " dump" -> {
                byte[] dump = counters.detail.dump();
                Responses.start(c, p, Status.SUCCESS, 0, DETAILED.length, dump.length, 0)
                        .writeBytes(DETAILED).writeBytes(dump);
            }
            default -> {
                Responses.error(c, p, Status.KEY_NOT_FOUND);
                return;
            }
        }
        Responses.success(c, p, 0);
    }
}
