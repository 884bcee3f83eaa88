package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code get|gets <key>*} and {@code gat|gats <exptime> <key>*}: every hit as a
 * VALUE block (with its CAS unique for gets and gats), then END. A get writes
 * each hit while the store holds the item; a gat, which changes the item, takes
 * its hits pinned and writes them after.
 */
final class RetrievalCommand {

    /** Bytes of hits (values and headers) after which a multi-get's part ends. */
    static final int PART_BYTES = 64 * 1024;
    /** Keys after which a multi-get's part ends, hits or misses. */
    static final int PART_KEYS = 1024;

    /** Marks a header without a CAS unique (get rather than gets); CAS uniques start at 1. */
    private static final long NO_CAS = 0;

    private final ItemStore store;
    private final CommandCounters counters;
    private final HitWriter hitWriter = new HitWriter();
    private final List<Item> hits = new ArrayList<>();
    /** For each hit, the index of its key's token. */
    private int[] hitKeys = new int[8];


    RetrievalCommand(ItemStore store, CommandCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    /**
     * A connection's multi-get answered in parts: where it is. Kept by the
     * connection's session, since this command is shared by the connections of
     * an event loop, which may serve others between the parts.
     */
    static final class Progress {
        /** The next key's token; 0 when no multi-get is half answered. */
        private int nextKey;
        private boolean withCas;
        private boolean touch;

        boolean inProgress() {
            return nextKey > 0;
        }
    }

    Outcome serve(Request r, boolean withCas, boolean touch, Progress progress) {
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
        if (!touch && t.count() == firstKey + 1) {
            if (!hitWriter.write(r, firstKey, withCas, true)) {
                r.connection.reserve(Replies.END.length).writeBytes(Replies.END);
            }
            r.consumeLine();
            return Outcome.SERVED;
        }
        return servePart(r, firstKey, withCas, touch, exptime, progress);
    }

    /** Answers the next part of the multi-get in progress, whose line the request holds again. */
    Outcome resume(Request r, Progress progress) {
        return servePart(r, progress.nextKey, progress.withCas, progress.touch,
                progress.touch ? r.tokens.signed(1) : 0, progress);
    }

    /**
     * Answers the keys from {@code firstKey} on, until about {@value #PART_BYTES}
     * bytes of hits are written or {@value #PART_KEYS} keys looked up: a multi-get of many keys or large values is
     * answered in parts, so what it holds at once stays bounded and the network can stop
     * between parts for a client that does not read. The line is consumed, and END
     * written, with the last part.
     */
    private Outcome servePart(Request r, int firstKey, boolean withCas, boolean touch, long exptime,
                              Progress progress) {
        int key = touch ? touchPart(r, firstKey, withCas, exptime) : getPart(r, firstKey, withCas);
        if (key < r.tokens.count()) {
            progress.nextKey = key;
            progress.withCas = withCas;
            progress.touch = touch;
            return Outcome.MORE;
        }
        progress.nextKey = 0;
        r.consumeLine();
        return Outcome.SERVED;
    }

    /** A get's part: each hit written as it is found. Returns the first key not looked up. */
    private int getPart(Request r, int firstKey, boolean withCas) {
        Tokens t = r.tokens;
        int key = firstKey;
        long written = 0;
        for (; key < t.count() && written < PART_BYTES && key - firstKey < PART_KEYS; key++) {
            if (hitWriter.write(r, key, withCas, false)) {
                written += hitWriter.written;
            }
        }
        if (key == t.count()) {
            r.connection.reserve(Replies.END.length).writeBytes(Replies.END);
        }
        return key;
    }

    /** A gat's part: the hits taken pinned, touched, then written. Returns the first key not looked up. */
    private int touchPart(Request r, int firstKey, boolean withCas, long exptime) {
        Tokens t = r.tokens;
        int key = firstKey;
        try {
            long valueBytes = 0;
            for (; key < t.count() && valueBytes < PART_BYTES && key - firstKey < PART_KEYS; key++) {
                Item item = store.getAndTouch(t.slice(key), exptime);
                counters.get(item != null);
                if (counters.detail.enabled()) {
                    counters.detail.get(r.in, t.start(key), t.length(key), item != null);
                }
                counters.touch(item != null);
                if (item != null) {
                    if (hits.size() == hitKeys.length) {
                        hitKeys = Arrays.copyOf(hitKeys, hitKeys.length * 2);
                    }
                    hitKeys[hits.size()] = key;
                    hits.add(item);
                    valueBytes += item.value().readableBytes() + t.length(key) + 32; // value and its header
                }
            }
            answer(r, withCas, key == t.count());
        } finally {
            // Indexed, not for-each: no iterator allocated per request.
            for (int h = 0; h < hits.size(); h++) {
                hits.get(h).value().release();
            }
            hits.clear();
        }
        return key;
    }

    /**
     * Writes the hits, and END after the last part. Small values are copied into
     * the reservation; a value sent by reference ends the reservation before it,
     * is chained after it, and the next reservation (if any is needed) starts after it.
     */
    private void answer(Request r, boolean withCas, boolean lastPart) {
        int endLength = lastPart ? Replies.END.length : 0;
        Tokens t = r.tokens;
        int next = 0;
        while (true) {
            int size = 0;
            int end = next;
            for (; end < hits.size(); end++) {
                Item item = hits.get(end);
                size += headerLength(t.length(hitKeys[end]), item.flags(), item.value().readableBytes(),
                        withCas ? item.cas() : NO_CAS);
                if (r.connection.sendsByReference(item.value())) {
                    break;
                }
                size += item.value().readableBytes() + 2;
            }
            boolean last = end == hits.size();
            if (last && size + endLength == 0) {
                return; // a part without hits, not the last
            }
            ByteBuf out = r.connection.reserve(last ? size + endLength : size);
            for (int h = next; h < end; h++) {
                writeHeader(out, r.in, t, hitKeys[h], hits.get(h), withCas);
                r.connection.copyValue(out, hits.get(h).value());
                out.writeBytes(Replies.CRLF);
            }
            if (last) {
                if (lastPart) {
                    out.writeBytes(Replies.END);
                }
                return;
            }
            Item large = hits.get(end);
            writeHeader(out, r.in, t, hitKeys[end], large, withCas);
            r.connection.chain(large.value().retainedSlice());
            next = end + 1;
            if (next == hits.size()) {
                r.connection.chain(lastPart ? Replies.chainedCrlfEnd() : Replies.chainedCrlf());
                return;
            }
            r.connection.chain(Replies.chainedCrlf());
        }
    }

    /** "VALUE key flags bytes[ cas]\r\n"; {@code cas} is {@link #NO_CAS} for get. */
    private static int headerLength(int keyLength, int flags, int valueLength, long cas) {
        return Replies.VALUE.length + keyLength + 1 + Ascii.decimalLength(flags & 0xFFFFFFFFL) + 1
                + Ascii.decimalLength(valueLength) + (cas != NO_CAS ? 1 + Ascii.decimalLength(cas) : 0) + 2;
    }

    private static void writeHeader(ByteBuf out, ByteBuf in, Tokens t, int key, Item item, boolean withCas) {
        writeHeader(out, in, t.start(key), t.length(key), item.flags(), item.value().readableBytes(),
                withCas ? item.cas() : NO_CAS);
    }

    private static void writeHeader(ByteBuf out, ByteBuf in, int keyIndex, int keyLength, int flags,
                                    int valueLength, long cas) {
        out.writeBytes(Replies.VALUE);
        out.writeBytes(in, keyIndex, keyLength);
        out.writeByte(' ');
        Ascii.writeDecimal(out, flags & 0xFFFFFFFFL);
        out.writeByte(' ');
        Ascii.writeDecimal(out, valueLength);
        if (cas != NO_CAS) {
            out.writeByte(' ');
            Ascii.writeDecimal(out, cas);
        }
        out.writeBytes(Replies.CRLF);
    }

    /**
     * Looks up one key of a get or gets and writes its VALUE block, without
     * allocating: a small value is copied while the store holds the item, a value
     * sent by reference comes back pinned and is chained after its header. A get
     * of one key has END written with its hit, in the same reservation.
     */
    private final class HitWriter implements ItemVisitor {

        private Request request;
        private int keyIndex;
        private int keyLength;
        private boolean withCas;
        private boolean endAfter;
        /** Bytes of the last hit's VALUE block, its value included. */
        private int written;

        /** Whether the key was there; if so its VALUE block (then END, when {@code endAfter}) is written. */
        boolean write(Request r, int keyToken, boolean withCas, boolean endAfter) {
            this.request = r;
            this.keyIndex = r.tokens.start(keyToken);
            this.keyLength = r.tokens.length(keyToken);
            this.withCas = withCas;
            this.endAfter = endAfter;
            try {
                boolean hit = store.read(r.in, keyIndex, keyLength, this);
                counters.get(hit);
                if (counters.detail.enabled()) {
                    counters.detail.get(r.in, keyIndex, keyLength, hit);
                }
                return hit;
            } finally {
                this.request = null;
            }
        }

        @Override
        public boolean visit(int flags, long cas, ByteBuf source, int index, int length) {
            if (request.connection.sendsByReference(length)) {
                return false;
            }
            long shownCas = withCas ? cas : NO_CAS;
            written = headerLength(keyLength, flags, length, shownCas) + length + 2;
            ByteBuf out = request.connection.reserve(written + (endAfter ? Replies.END.length : 0));
            writeHeader(out, request.in, keyIndex, keyLength, flags, length, shownCas);
            request.connection.copyValue(out, source, index, length);
            out.writeBytes(Replies.CRLF);
            if (endAfter) {
                out.writeBytes(Replies.END);
            }
            return true;
        }

        @Override
        public void pinned(Item item) {
            try {
                ByteBuf value = item.value();
                long shownCas = withCas ? item.cas() : NO_CAS;
                int header = headerLength(keyLength, item.flags(), value.readableBytes(), shownCas);
                writeHeader(request.connection.reserve(header), request.in, keyIndex, keyLength, item.flags(),
                        value.readableBytes(), shownCas);
                request.connection.chain(value.retainedSlice());
                request.connection.chain(endAfter ? Replies.chainedCrlfEnd() : Replies.chainedCrlf());
                written = header + value.readableBytes() + 2;
            } finally {
                item.value().release();
            }
        }
    }
}
