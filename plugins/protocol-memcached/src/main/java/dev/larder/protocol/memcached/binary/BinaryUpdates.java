package dev.larder.protocol.memcached.binary;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.Connection;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** The commands that change an item: the stores, delete, and increment and decrement. */
final class BinaryUpdates {

    /** "Create with the initial value" is off when incr/decr's expiry is all ones. */
    private static final long NO_CREATE = 0xFFFFFFFFL;

    private final ItemStore store;
    private final CommandCounters counters;

    BinaryUpdates(ItemStore store, CommandCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    static StoreMode storeMode(int op) {
        return switch (op) {
            case Opcode.ADD, Opcode.ADDQ -> StoreMode.ADD;
            case Opcode.REPLACE, Opcode.REPLACEQ -> StoreMode.REPLACE;
            case Opcode.APPEND, Opcode.APPENDQ -> StoreMode.APPEND;
            case Opcode.PREPEND, Opcode.PREPENDQ -> StoreMode.PREPEND;
            default -> StoreMode.SET;
        };
    }

    /**
     * Answers a request refused before its value was read. A refused SET also
     * removes the key's old value, as memcached does, so nobody reads a value
     * older than the one the client tried to store.
     */
    void refuse(Connection c, Packet p, Status status) {
        if (p.opcode == Opcode.SET || p.opcode == Opcode.SETQ) {
            store.delete(p.key());
        }
        counters.refused(status == Status.TOO_LARGE);
        Responses.error(c, p, status);
    }

    void store(Connection c, Packet p, StoreMode requested, boolean quiet) {
        // A set, add or replace that names a CAS unique only stores over that very item.
        StoreMode mode = p.cas != 0 && requested == StoreMode.SET ? StoreMode.CAS : requested;
        boolean hasExtras = p.extrasLength == 8;
        int flags = hasExtras ? p.extraInt(0) : 0;
        long exptime = hasExtras ? p.extraInt(4) & 0xFFFFFFFFL : 0;
        if (counters.detail.enabled()) {
            counters.detail.set(p.key());
        }
        StoreReceipt receipt = store.storeWithCas(mode, p.key(), flags, exptime, p.value(), p.cas);
        StoreResult result = receipt.result();
        counters.stored(mode, result);
        if (result == StoreResult.STORED) {
            if (!quiet) {
                Responses.success(c, p, receipt.cas());
            }
            return;
        }
        Responses.error(c, p, switch (result) {
            case EXISTS -> Status.KEY_EXISTS;
            case NOT_FOUND -> Status.KEY_NOT_FOUND;
            case NO_MEMORY -> Status.OUT_OF_MEMORY;
            default -> requested == StoreMode.ADD ? Status.KEY_EXISTS
                    : requested == StoreMode.REPLACE ? Status.KEY_NOT_FOUND : Status.NOT_STORED;
        });
    }

    void delete(Connection c, Packet p, boolean quiet) {
        if (counters.detail.enabled()) {
            counters.detail.delete(p.key());
        }
        DeleteResult result = store.delete(p.key(), p.cas);
        counters.delete(result == DeleteResult.DELETED);
        switch (result) {
            case DELETED -> {
                if (!quiet) {
                    Responses.success(c, p, 0);
                }
            }
            case EXISTS -> Responses.error(c, p, Status.KEY_EXISTS);
            case NOT_FOUND -> Responses.error(c, p, Status.KEY_NOT_FOUND);
        }
    }

    /** Increment or decrement; a missing key is created with the initial value unless the expiry says not to. */
    void arithmetic(Connection c, Packet p, boolean increment, boolean quiet) {
        long delta = p.extraLong(0);
        long initial = p.extraLong(8);
        long exptime = p.extraInt(16) & 0xFFFFFFFFL;
        for (int attempt = 0; attempt < 2; attempt++) {
            ArithmeticResult result = store.incrementOrDecrement(p.key(), increment, delta, p.cas);
            counters.arithmetic(increment, result.status() != ArithmeticResult.Status.NOT_FOUND);
            Status failure = switch (result.status()) {
                case OK -> Status.SUCCESS;
                case NON_NUMERIC -> Status.NON_NUMERIC;
                case EXISTS -> Status.KEY_EXISTS;
                case NO_MEMORY -> Status.OUT_OF_MEMORY;
                case NOT_FOUND -> exptime == NO_CREATE ? Status.KEY_NOT_FOUND : null;
            };
            if (failure == Status.SUCCESS) {
                answerNumber(c, p, quiet, result.value(), result.cas());
                return;
            }
            if (failure != null) {
                Responses.error(c, p, failure);
                return;
            }
            ByteBuf digits = Unpooled.copiedBuffer(Long.toUnsignedString(initial), StandardCharsets.US_ASCII);
            StoreReceipt created = store.storeWithCas(StoreMode.ADD, p.key(), 0, exptime, digits, 0);
            if (created.result() == StoreResult.STORED) {
                answerNumber(c, p, quiet, initial, created.cas());
                return;
            }
            // Someone else created it meanwhile: apply the delta to theirs.
        }
        Responses.error(c, p, Status.KEY_NOT_FOUND);
    }

    private static void answerNumber(Connection c, Packet p, boolean quiet, long value, long cas) {
        if (!quiet) {
            Responses.start(c, p, Status.SUCCESS, 0, 0, 8, cas).writeLong(value);
        }
    }
}
