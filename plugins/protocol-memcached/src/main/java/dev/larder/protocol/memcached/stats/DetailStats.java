package dev.larder.protocol.memcached.stats;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * memcached's {@code stats detail}: gets, hits, sets and deletes counted per key
 * prefix (what comes before the delimiter, {@code -D}, default ":"), while
 * switched on ({@code stats detail on}, or {@code -D} given). Keys without the
 * delimiter are not counted, as memcached does not count them.
 */
public final class DetailStats {

    private final byte delimiter;
    private volatile boolean enabled;
    private final Map<String, Counts> byPrefix = new ConcurrentHashMap<>();

    private static final class Counts {
        final LongAdder gets = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder sets = new LongAdder();
        final LongAdder deletes = new LongAdder();
    }

    public DetailStats(char delimiter, boolean enabled) {
        this.delimiter = (byte) delimiter;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void enable(boolean on) {
        enabled = on;
    }

    public void get(ByteBuf source, int index, int length, boolean hit) {
        Counts counts = countsFor(source, index, length);
        if (counts != null) {
            counts.gets.increment();
            if (hit) {
                counts.hits.increment();
            }
        }
    }

    public void set(ByteBuf key) {
        Counts counts = countsFor(key, key.readerIndex(), key.readableBytes());
        if (counts != null) {
            counts.sets.increment();
        }
    }

    public void delete(ByteBuf key) {
        Counts counts = countsFor(key, key.readerIndex(), key.readableBytes());
        if (counts != null) {
            counts.deletes.increment();
        }
    }

    /** The counters of the key's prefix; null when collection is off or the key has no delimiter. */
    private Counts countsFor(ByteBuf source, int index, int length) {
        if (!enabled) {
            return null;
        }
        int at = source.indexOf(index, index + length, delimiter);
        if (at < 0) {
            return null;
        }
        String prefix = source.toString(index, at - index, StandardCharsets.ISO_8859_1);
        return byPrefix.computeIfAbsent(prefix, p -> new Counts());
    }

    /** {@code stats detail dump}: a PREFIX line each, then END. */
    public byte[] dump() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(byPrefix).forEach((prefix, c) -> out.append("PREFIX ").append(prefix)
                .append(" get ").append(c.gets.sum()).append(" hit ").append(c.hits.sum())
                .append(" set ").append(c.sets.sum()).append(" del ").append(c.deletes.sum()).append("\r\n"));
        out.append("END\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code stats reset} empties them. */
    public void reset() {
        byPrefix.clear();
    }
}
