package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code get|gets <key>*} and {@code gat|gats <exptime> <key>*}: every hit as a
 * VALUE block (with its CAS unique for gets and gats), then END, all in one
 * reservation sized before anything is written.
 */
final class RetrievalCommand {

    private final ItemStore store;
    private final CommandCounters counters;
    private final List<Item> hits = new ArrayList<>();
    /** For each hit, the index of its key's token. */
    private int[] hitKeys = new int[8];

    RetrievalCommand(ItemStore store, CommandCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    Outcome serve(Request r, boolean withCas, boolean touch) {
        Tokens t = r.tokens;
        int firstKey = touch ? 2 : 1;
        long exptime = touch ? t.signed(1) : 0;
        if (exptime == Long.MIN_VALUE) {
            return r.answer(Replies.INVALID_EXPTIME);
        }
        for (int i = firstKey; i < t.count(); i++) {
            if (r.keyTooLong(i)) {
                return r.answer(Replies.BAD_COMMAND_LINE);
            }
        }
        try {
            for (int i = firstKey; i < t.count(); i++) {
                Item item = touch ? store.getAndTouch(t.slice(i), exptime) : store.get(t.slice(i));
                counters.get(item != null);
                if (touch) {
                    counters.touch(item != null);
                }
                if (item != null) {
                    if (hits.size() == hitKeys.length) {
                        hitKeys = Arrays.copyOf(hitKeys, hitKeys.length * 2);
                    }
                    hitKeys[hits.size()] = i;
                    hits.add(item);
                }
            }
            answer(r, withCas);
        } finally {
            // Indexed, not for-each: no iterator allocated per request.
            for (int h = 0; h < hits.size(); h++) {
                hits.get(h).value().release();
            }
            hits.clear();
        }
        r.consumeLine();
        return Outcome.SERVED;
    }

    /**
     * Writes the hits and END. Small values are copied into the reservation; a
     * value sent by reference ends the reservation before it, is chained after
     * it, and the next reservation (if any is needed) starts after it.
     */
    private void answer(Request r, boolean withCas) {
        Tokens t = r.tokens;
        int next = 0;
        while (true) {
            int size = 0;
            int end = next;
            for (; end < hits.size(); end++) {
                Item item = hits.get(end);
                size += headerLength(t.length(hitKeys[end]), item, withCas);
                if (r.connection.sendsByReference(item.value())) {
                    break;
                }
                size += item.value().readableBytes() + 2;
            }
            boolean last = end == hits.size();
            ByteBuf out = r.connection.reserve(last ? size + Replies.END.length : size);
            for (int h = next; h < end; h++) {
                writeHeader(out, r.in, t, hitKeys[h], hits.get(h), withCas);
                r.connection.copyValue(out, hits.get(h).value());
                out.writeBytes(Replies.CRLF);
            }
            if (last) {
                out.writeBytes(Replies.END);
                return;
            }
            Item large = hits.get(end);
            writeHeader(out, r.in, t, hitKeys[end], large, withCas);
            r.connection.chain(large.value().retainedSlice());
            next = end + 1;
            if (next == hits.size()) {
                r.connection.chain(Replies.chainedCrlfEnd());
                return;
            }
            r.connection.chain(Replies.chainedCrlf());
        }
    }

    /** "VALUE key flags bytes[ cas]\r\n". */
    private static int headerLength(int keyLength, Item item, boolean withCas) {
        return Replies.VALUE.length + keyLength + 1 + Ascii.decimalLength(item.flags() & 0xFFFFFFFFL) + 1
                + Ascii.decimalLength(item.value().readableBytes()) + (withCas ? 1 + Ascii.decimalLength(item.cas()) : 0)
                + 2;
    }

    private static void writeHeader(ByteBuf out, ByteBuf in, Tokens t, int key, Item item, boolean withCas) {
        ByteBuf value = item.value();
        out.writeBytes(Replies.VALUE);
        out.writeBytes(in, t.start(key), t.length(key));
        out.writeByte(' ');
        Ascii.writeDecimal(out, item.flags() & 0xFFFFFFFFL);
        out.writeByte(' ');
        Ascii.writeDecimal(out, value.readableBytes());
        if (withCas) {
            out.writeByte(' ');
            Ascii.writeDecimal(out, item.cas());
        }
        out.writeBytes(Replies.CRLF);
    }
}
