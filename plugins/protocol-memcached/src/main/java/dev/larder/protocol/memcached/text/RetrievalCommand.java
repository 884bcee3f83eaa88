package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.ItemVisitor;
import io.netty.buffer.ByteBuf;

/**
 * {@code get|gets <key>*} and {@code gat|gats <exptime> <key>*}: every hit as a
 * VALUE block (with its CAS unique for gets and gats), then END. Each hit is
 * written as it is found: a get's while the store holds the item, a gat's (which
 * changes the item) from the item pinned.
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
        int key = writePart(r, firstKey, withCas, touch, exptime);
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

    /** A get's or gat's part: each hit written as it is found. Returns the first key not looked up. */
    private int writePart(Request r, int firstKey, boolean withCas, boolean touch, long exptime) {
        Tokens t = r.tokens;
        int key = firstKey;
        long written = 0;
        for (; key < t.count() && written < PART_BYTES && key - firstKey < PART_KEYS; key++) {
            boolean hit = touch ? hitWriter.writeTouched(r, key, withCas, exptime)
                    : hitWriter.write(r, key, withCas, false);
            if (hit) {
                written += hitWriter.written;
            }
        }
        if (key == t.count()) {
            r.connection.reserve(Replies.END.length).writeBytes(Replies.END);
        }
        return key;
    }

    /** "VALUE key flags bytes[ cas]\r\n"; {@code cas} is {@link #NO_CAS} for get. */
    private static int headerLength(int keyLength, int flags, int valueLength, long cas) {
        return Replies.VALUE.length + keyLength + 1 + Ascii.decimalLength(flags & 0xFFFFFFFFL) + 1
                + Ascii.decimalLength(valueLength) + (cas != NO_CAS ? 1 + Ascii.decimalLength(cas) : 0) + 2;
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
     * Looks up one key and writes its VALUE block. A get's small value is copied
     * while the store holds the item, without allocating; a value sent by reference,
     * and a gat's hit, come back pinned, and a pinned value is copied or chained
     * after its header. A get of one key has END written with its hit.
     */
    private final class HitWriter implements ItemVisitor {

        private Request request;
        private int keyIndex;
        private int keyLength;
        private boolean withCas;
        private boolean endAfter;
        /** Bytes of the last hit's VALUE block, its value included. */
        private int written;

        /** A get's key: whether it was there; if so its VALUE block (then END, when {@code endAfter}) is written. */
        boolean write(Request r, int keyToken, boolean withCas, boolean endAfter) {
            start(r, keyToken, withCas, endAfter);
            try {
                boolean hit = store.read(r.in, keyIndex, keyLength, this);
                countGet(hit);
                return hit;
            } finally {
                this.request = null;
            }
        }

        /** A gat's key: touched, and written as {@link #write} writes a get's. */
        boolean writeTouched(Request r, int keyToken, boolean withCas, long exptime) {
            start(r, keyToken, withCas, false);
            try {
                Item item = store.getAndTouch(r.tokens.slice(keyToken), exptime);
                countGet(item != null);
                counters.touch(item != null);
                if (item != null) {
                    pinned(item);
                }
                return item != null;
            } finally {
                this.request = null;
            }
        }

        private void start(Request r, int keyToken, boolean withCas, boolean endAfter) {
            this.request = r;
            this.keyIndex = r.tokens.start(keyToken);
            this.keyLength = r.tokens.length(keyToken);
            this.withCas = withCas;
            this.endAfter = endAfter;
        }

        private void countGet(boolean hit) {
            counters.get(hit);
            if (counters.detail.enabled()) {
                counters.detail.get(request.in, keyIndex, keyLength, hit);
            }
        }

        @Override
        public boolean visit(int flags, long cas, ByteBuf source, int index, int length) {
            if (request.connection.sendsByReference(length)) {
                return false;
            }
            copy(flags, withCas ? cas : NO_CAS, source, index, length);
            return true;
        }

        @Override
        public void pinned(Item item) {
            try {
                ByteBuf value = item.value();
                long shownCas = withCas ? item.cas() : NO_CAS;
                if (!request.connection.sendsByReference(value)) {
                    copy(item.flags(), shownCas, value, value.readerIndex(), value.readableBytes());
                    return;
                }
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

        /** The VALUE block with the value copied into the same reservation, then END if asked for. */
        private void copy(int flags, long shownCas, ByteBuf source, int index, int length) {
            written = headerLength(keyLength, flags, length, shownCas) + length + 2;
            ByteBuf out = request.connection.reserve(written + (endAfter ? Replies.END.length : 0));
            writeHeader(out, request.in, keyIndex, keyLength, flags, length, shownCas);
            request.connection.copyValue(out, source, index, length);
            out.writeBytes(Replies.CRLF);
            if (endAfter) {
                out.writeBytes(Replies.END);
            }
        }
    }
}
