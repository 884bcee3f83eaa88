package dev.larder.protocol.memcached.text;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.ItemStore;
import java.nio.charset.StandardCharsets;

/** The commands on one key that carry no data block: delete, touch, incr and decr. */
final class KeyCommands {

    private static final byte[] ZERO = Replies.bytes("0");

    private final ItemStore store;
    private final CommandCounters counters;

    KeyCommands(ItemStore store, CommandCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    /** {@code delete <key> [0] [noreply]}. */
    Outcome delete(Request r) {
        int count = r.count();
        boolean noreply = r.noreply();
        boolean holdIsZero = count > 2 && r.tokens.is(2, ZERO);
        boolean valid = count == 2 || (count == 3 && (holdIsZero || noreply)) || (count == 4 && holdIsZero && noreply);
        if (!valid) {
            return r.answer(Replies.DELETE_USAGE, noreply); // silent under noreply, as memcached (t/issue_3.t)
        }
        if (r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE, noreply);
        }
        if (counters.detail.enabled()) {
            counters.detail.delete(r.tokens.slice(1));
        }
        boolean deleted = store.delete(r.tokens.slice(1));
        counters.delete(deleted);
        return r.answer(deleted ? Replies.DELETED : Replies.NOT_FOUND, noreply);
    }

    /** {@code touch <key> <exptime> [noreply]}. */
    Outcome touch(Request r) {
        boolean noreply = r.count() == 4 && r.noreply();
        if (r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE, noreply);
        }
        long exptime = r.tokens.signed(2);
        if (exptime == Long.MIN_VALUE) {
            return r.answer(Replies.INVALID_EXPTIME, noreply);
        }
        boolean touched = store.touch(r.tokens.slice(1), exptime);
        counters.touch(touched);
        return r.answer(touched ? Replies.TOUCHED : Replies.NOT_FOUND, noreply);
    }

    /** {@code incr|decr <key> <delta> [noreply]}: the new value, or why there is none. */
    Outcome incrementOrDecrement(Request r, boolean increment) {
        boolean noreply = r.count() == 4 && r.noreply();
        if (r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE, noreply);
        }
        long delta;
        try {
            delta = Long.parseUnsignedLong(r.tokens.slice(2).toString(StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return r.answer(Replies.INVALID_DELTA, noreply);
        }
        ArithmeticResult result = store.incrementOrDecrement(r.tokens.slice(1), increment, delta);
        counters.arithmetic(increment, result.status() != ArithmeticResult.Status.NOT_FOUND);
        return switch (result.status()) {
            case OK -> r.answer(Replies.bytes(Long.toUnsignedString(result.value()) + "\r\n"), noreply);
            case NOT_FOUND -> r.answer(Replies.NOT_FOUND, noreply);
            case NON_NUMERIC -> r.answer(Replies.NON_NUMERIC, noreply);
            case NO_MEMORY -> r.answer(Replies.OUT_OF_MEMORY, noreply);
            case EXISTS -> throw new IllegalStateException("incr and decr name no CAS unique");
        };
    }
}
