package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreResult;

/**
 * {@code set|add|replace|append|prepend <key> <flags> <exptime> <bytes> [noreply]}
 * and {@code cas <key> <flags> <exptime> <bytes> <cas unique> [noreply]}, each
 * followed by a data block of {@code bytes} bytes and CRLF.
 */
final class StorageCommand {

    private final ItemStore store;
    private final long maxItemSize;
    private final Swallower swallower;
    private final CommandCounters counters;

    StorageCommand(ItemStore store, long maxItemSize, Swallower swallower, CommandCounters counters) {
        this.store = store;
        this.maxItemSize = maxItemSize;
        this.swallower = swallower;
        this.counters = counters;
    }

    Outcome serve(Request r, StoreMode mode) {
        Tokens t = r.tokens;
        boolean noreply = r.count() == (mode == StoreMode.CAS ? 7 : 6) && r.noreply();
        long flags = t.unsigned(2);
        long exptime = t.signed(3);
        long length = t.signed(4);
        long cas = mode == StoreMode.CAS ? t.unsigned(5) : 0;
        if (r.keyTooLong(1) || flags < 0 || flags > 0xFFFFFFFFL || exptime == Long.MIN_VALUE || cas < 0
                || length < 0 || length > Integer.MAX_VALUE - 2) {
            // As memcached: the data block is not swallowed, it will be read as a command.
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        if (length > maxItemSize) {
            return refuse(r, mode, noreply, Replies.TOO_LARGE, length);
        }
        if (!r.hasDataBlock((int) length)) {
            // As memcached when it cannot allocate the item: refused, the value thrown away as it comes.
            return r.holdDataBlock((int) length) ? Outcome.NEEDS_INPUT
                    : refuse(r, mode, noreply, Replies.OUT_OF_MEMORY, length);
        }
        int dataStart = r.next;
        if (!r.skipDataBlock((int) length)) {
            return r.answer(Replies.BAD_DATA_CHUNK, noreply);
        }
        StoreResult result = store.store(mode, t.slice(1), (int) flags, exptime,
                r.in.slice(dataStart, (int) length), cas);
        counters.stored(mode, result);
        if (counters.detail.enabled()) {
            counters.detail.set(t.slice(1));
        }
        return r.answer(reply(result), noreply);
    }

    /**
     * Refuses the command before its value is read, and throws the value away as
     * it comes. A refused set also removes the key's old value, as memcached does,
     * so a client never reads a value older than the one it tried to store.
     */
    private Outcome refuse(Request r, StoreMode mode, boolean noreply, byte[] reply, long length) {
        if (mode == StoreMode.SET) {
            store.delete(r.tokens.slice(1));
        }
        counters.refused(reply == Replies.TOO_LARGE);
        if (counters.detail.enabled()) {
            counters.detail.set(r.tokens.slice(1));
        }
        r.answer(reply, noreply);
        swallower.swallow(r.in, length + 2);
        return Outcome.SERVED;
    }

    private static byte[] reply(StoreResult result) {
        return switch (result) {
            case STORED -> Replies.STORED;
            case NOT_STORED -> Replies.NOT_STORED;
            case EXISTS -> Replies.EXISTS;
            case NOT_FOUND -> Replies.NOT_FOUND;
            case NO_MEMORY -> Replies.OUT_OF_MEMORY;
        };
    }

    /** Makes the command for one session, which swallows refused values for it. */
    record Factory(ItemStore store, long maxItemSize, CommandCounters counters) {
        StorageCommand create(Swallower swallower) {
            return new StorageCommand(store, maxItemSize, swallower, counters);
        }
    }

    /** Throws away the rest of a refused value, across reads if need be. */
    interface Swallower {
        void swallow(io.netty.buffer.ByteBuf in, long bytes);
    }
}
