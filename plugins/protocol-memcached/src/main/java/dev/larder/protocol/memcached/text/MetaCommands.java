package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;

/**
 * memcached's meta commands: {@code mg}, {@code ms}, {@code md}, {@code ma},
 * {@code mn} and {@code me}. Return flags come back in the order they were
 * asked for; a miss or failure echoes {@code k}, {@code O} and {@code b}; the
 * {@code q} flag hides the uninteresting reply (EN for mg, HD for the others).
 * The response line is written into the session's {@link MetaLine} first,
 * so that a hit is reserved once, line and value together.
 */
final class MetaCommands {

    // The flags memcached 1.6.18 accepts (ms and ma keep theirs); it refuses the later E (explicit CAS) and x.
    private static final String MG_FLAGS = "bcfhklOqstuvNRT";
    private static final String MD_FLAGS = "bCIkOqT";

    private final ItemStore store;
    private final CommandCounters counters;
    private final MetaRequest m;
    private final Request r;
    private final MetaFlags flags;
    private final MetaSet set;
    private final MetaArithmetic arithmetic;

    MetaCommands(ItemStore store, long maxItemSize, StorageCommand.Swallower swallower, Request request,
                 CommandCounters counters) {
        this.counters = counters;
        this.store = store;
        this.m = new MetaRequest(request);
        this.r = request;
        this.flags = m.flags;
        this.set = new MetaSet(store, maxItemSize, swallower, m, counters);
        this.arithmetic = new MetaArithmetic(store, m, counters);
    }

    Outcome mn() {
        return r.answer(Replies.MN);
    }

    /** {@code mg <key> <flags>*}. */
    Outcome mg() {
        byte[] error = m.checkKeyAndFlags(2, MG_FLAGS, Replies.INVALID_FLAG, Replies.DUPLICATE_FLAG);
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = m.key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        if (m.malformed('T') || m.malformed('N') || m.malformed('R')) {
            return r.answer(Replies.BAD_TOKEN);
        }
        Item item = store.metaGet(key, m.optional('T'), m.optional('N'), m.optional('R'), flags.has('u'));
        counters.get(item != null); // memcached counts an item created by N as a hit
        if (item == null) {
            return flags.has('q') ? m.quiet() : r.answer(m.line("EN", 0));
        }
        ByteBuf value = item.value();
        try {
            boolean withValue = flags.has('v');
            ByteBuf header = header(item, value.readableBytes(), withValue);
            int headerLength = header.readableBytes();
            if (withValue && r.connection.sendsByReference(value)) {
                r.connection.reserve(headerLength).writeBytes(header);
                r.connection.chain(value.retainedSlice());
                r.connection.chain(Replies.chainedCrlf());
            } else {
                ByteBuf out = r.connection.reserve(headerLength + (withValue ? value.readableBytes() + 2 : 0));
                out.writeBytes(header);
                if (withValue) {
                    r.connection.copyValue(out, value);
                    out.writeBytes(Replies.CRLF);
                }
            }
        } finally {
            value.release();
        }
        r.consumeLine();
        return Outcome.SERVED;
    }

    /**
     * A hit's first line, VA or HD with the flags asked for in their order, then
     * the stale-while-revalidate flags in memcached's order: Z when another
     * client already won the recache, X when the item is stale, W when this
     * client won it.
     */
    private ByteBuf header(Item item, int valueLength, boolean withValue) {
        MetaLine line = withValue ? m.beginValue(valueLength) : m.begin("HD");
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'c' -> line.number('c', item.cas());
                case 'f' -> line.number('f', item.flags() & 0xFFFFFFFFL);
                case 'h' -> line.number('h', item.fetchedBefore() ? 1 : 0);
                case 'k' -> m.echoKey(line);
                case 'l' -> line.number('l', item.secondsSinceAccess());
                case 'O' -> line.echo('O', i, 1);
                case 's' -> line.number('s', valueLength);
                case 't' -> line.number('t', item.secondsToLive());
                default -> { } // flags that change what is done, not what is returned
            }
        }
        if (item.winSentBefore()) {
            line.flag('Z');
        }
        if (item.stale()) {
            line.flag('X');
        }
        if (item.won()) {
            line.flag('W');
        }
        return line.end();
    }

    /** {@code ms <key> <datalen> <flags>*} and the data block. */
    Outcome ms() {
        return set.serve();
    }

    /** {@code ma <key> <flags>*}. */
    Outcome ma() {
        return arithmetic.serve();
    }

    /** {@code md <key> <flags>*}. */
    Outcome md() {
        byte[] error = m.checkKeyAndFlags(2, MD_FLAGS, Replies.INVALID_OR_DUPLICATE_FLAG,
                Replies.INVALID_OR_DUPLICATE_FLAG);
        if (error == null && (m.malformed('T') || m.malformed('C'))) {
            error = Replies.INVALID_OR_DUPLICATE_FLAG;
        }
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = m.key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        long cas = flags.has('C') ? flags.number('C', 0) : 0;
        if (flags.has('I')) {
            // Invalidate: the item stays, stale, so readers are served while one of them recaches it.
            StoreResult result = store.invalidate(key, cas, m.optional('T'));
            counters.delete(result == StoreResult.STORED);
            return switch (result) {
                case STORED -> flags.has('q') ? m.quiet() : r.answer(m.line("HD", 0));
                case EXISTS -> r.answer(m.line("EX", 0));
                default -> r.answer(m.line("NF", 0));
            };
        }
        DeleteResult result = store.delete(key, cas);
        counters.delete(result == DeleteResult.DELETED);
        return switch (result) {
            case DELETED -> flags.has('q') ? m.quiet() : r.answer(m.line("HD", 0));
            case EXISTS -> r.answer(m.line("EX", 0));
            case NOT_FOUND -> r.answer(m.line("NF", 0));
        };
    }

    /** {@code me <key>}: what the store knows of an item, for debugging. */
    Outcome me() {
        counters.cmdMeta.increment(); // memcached's cmd_meta counts its debug command only
        if (r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        Item item = store.peek(r.tokens.slice(1));
        if (item == null) {
            return r.answer(Replies.bytes("EN\r\n"));
        }
        int size = item.value().readableBytes();
        item.value().release();
        return r.answer(Replies.bytes("ME " + m.token(1) + " exp=" + item.secondsToLive() + " la="
                + item.secondsSinceAccess() + " cas=" + item.cas() + " fetch=" + (item.fetchedBefore() ? "yes" : "no")
                + " cls=1 size=" + size + "\r\n"));
    }
}
