package dev.larder.protocol.memcached.text;


import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import io.netty.buffer.ByteBuf;

/** {@code ms}: the meta protocol's store, in the mode its M flag names. */
final class MetaSet {

    private static final String MS_FLAGS = "bcCFIkNOqsSTM";

    private final ItemStore store;
    private final long maxItemSize;
    private final StorageCommand.Swallower swallower;
    private final CommandCounters counters;
    private final MetaRequest m;
    private final Request r;
    private final MetaFlags flags;

    MetaSet(ItemStore store, long maxItemSize, StorageCommand.Swallower swallower, MetaRequest request,
            CommandCounters counters) {
        this.store = store;
        this.maxItemSize = maxItemSize;
        this.swallower = swallower;
        this.counters = counters;
        this.m = request;
        this.r = request.r;
        this.flags = request.flags;
    }

    /** {@code ms <key> <datalen> <flags>*} and the data block. */
    Outcome serve() {
        long length = r.count() >= 3 ? r.tokens.signed(2) : -1;
        if (length < 0 || length > Integer.MAX_VALUE - 2 || r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        byte[] error = flags.parse(3, MS_FLAGS, Replies.INVALID_FLAG, Replies.DUPLICATE_FLAG);
        StoreMode mode = error == null ? mode() : null;
        if (error == null && mode == null) {
            error = Replies.INVALID_MODE;
        }
        if (error == null && length > maxItemSize) {
            error = Replies.TOO_LARGE;
        }
        if (error != null) {
            if (error == Replies.TOO_LARGE) {
                counters.refused(true);
            }
            r.answer(error);
            swallower.swallow(r.in, length + 2);
            return Outcome.SERVED;
        }
        if (!r.hasDataBlock((int) length)) {
            if (r.holdDataBlock((int) length)) {
                return Outcome.NEEDS_INPUT;
            }
            counters.refused(false);
            r.answer(Replies.OUT_OF_MEMORY);
            swallower.swallow(r.in, length + 2);
            return Outcome.SERVED;
        }
        int dataStart = r.next;
        if (!r.skipDataBlock((int) length)) {
            return r.answer(Replies.BAD_DATA_CHUNK);
        }
        ByteBuf key = m.key();
        long clientFlags;
        try {
            clientFlags = flags.unsigned('F', 0); // memcached keeps the low 32 bits of a larger number
        } catch (NumberFormatException e) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        long ttl = flags.number('T', 0);
        long compareCas;
        try {
            compareCas = flags.unsigned('C', 0);
        } catch (NumberFormatException e) {
            return r.answer(Replies.BAD_TOKEN);
        }
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        if (ttl == Long.MIN_VALUE) {
            return r.answer(Replies.BAD_TOKEN);
        }
        if (flags.has('C') && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
            // As memcached: a set or replace naming a CAS unique is a cas, which I lets a late writer turn stale.
            mode = flags.has('I') ? StoreMode.CAS_OR_STALE : StoreMode.CAS;
        }
        StoreReceipt receipt = store.storeWithCas(mode, key, (int) clientFlags, ttl,
                r.in.slice(dataStart, (int) length), compareCas);
        counters.stored(mode, receipt.result());
        return switch (receipt.result()) {
            // As memcached, c shows the new CAS unique, or 0 when nothing was stored.
            case STORED -> flags.has('q') ? m.quiet() : r.answer(m.line("HD", receipt.cas(), true));
            case NOT_STORED -> r.answer(m.line("NS", 0, true));
            case EXISTS -> r.answer(m.line("EX", 0, true));
            case NOT_FOUND -> r.answer(m.line("NF", 0, true));
            case NO_MEMORY -> r.answer(Replies.OUT_OF_MEMORY);
        };
    }

    private StoreMode mode() {
        ByteBuf mode = flags.value('M');
        if (mode == null) {
            return StoreMode.SET;
        }
        if (mode.readableBytes() != 1) {
            return null;
        }
        return switch (Character.toUpperCase((char) mode.getByte(0))) {
            case 'S' -> StoreMode.SET;
            case 'E' -> StoreMode.ADD;
            case 'A' -> StoreMode.APPEND;
            case 'P' -> StoreMode.PREPEND;
            case 'R' -> StoreMode.REPLACE;
            default -> null;
        };
    }
}
