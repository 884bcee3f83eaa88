package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** {@code ma}: the meta protocol's increment and decrement, creating the item when asked (N). */
final class MetaArithmetic {

    private static final String MA_FLAGS = "bCNJDTMqOktcv";

    private final ItemStore store;
    private final CommandCounters counters;
    private final MetaRequest m;
    private final Request r;
    private final MetaFlags flags;

    MetaArithmetic(ItemStore store, MetaRequest request, CommandCounters counters) {
        this.store = store;
        this.counters = counters;
        this.m = request;
        this.r = request.r;
        this.flags = request.flags;
    }

    /** {@code ma <key> <flags>*}: incr or decr, creating the item when asked (N). */
    Outcome serve() {
        byte[] error = m.checkKeyAndFlags(2, MA_FLAGS, Replies.INVALID_OR_DUPLICATE_FLAG,
                Replies.INVALID_OR_DUPLICATE_FLAG);
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = m.key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        Boolean increment = arithmeticMode();
        if (increment == null) {
            return r.answer(Replies.bytes("CLIENT_ERROR invalid mode for ma M token\r\n"));
        }
        long delta;
        long initial;
        long cas;
        try {
            delta = flags.unsigned('D', 1);
            initial = flags.unsigned('J', 0);
            cas = flags.unsigned('C', 0);
        } catch (NumberFormatException e) {
            return r.answer(Replies.INVALID_OR_DUPLICATE_FLAG);
        }
        if (m.malformed('N') || m.malformed('T')) {
            return r.answer(Replies.INVALID_OR_DUPLICATE_FLAG);
        }
        long vivifyTtl = m.optional('N');
        ArithmeticResult result = store.incrementOrDecrement(key, increment, delta, cas);
        counters.arithmetic(increment, result.status() != ArithmeticResult.Status.NOT_FOUND);
        long value;
        if (result.status() == ArithmeticResult.Status.NOT_FOUND && vivifyTtl != ItemStore.NOT_GIVEN) {
            ByteBuf digits = Unpooled.copiedBuffer(Long.toUnsignedString(initial), US_ASCII);
            StoreReceipt created = store.storeWithCas(StoreMode.ADD, key, 0, vivifyTtl, digits, 0);
            if (created.result() != StoreResult.STORED) {
                result = store.incrementOrDecrement(key, increment, delta); // created meanwhile by someone else
            } else {
                result = new ArithmeticResult(ArithmeticResult.Status.OK, initial, created.cas());
            }
        }
        switch (result.status()) {
            case NOT_FOUND -> {
                return r.answer(m.line("NF", 0));
            }
            case EXISTS -> {
                return r.answer(m.line("EX", 0));
            }
            case NON_NUMERIC -> {
                return r.answer(Replies.NON_NUMERIC);
            }
            case NO_MEMORY -> {
                return r.answer(Replies.OUT_OF_MEMORY);
            }
            default -> value = result.value();
        }
        if (flags.has('T')) {
            store.touch(key, m.optional('T'));
        }
        if (flags.has('q') && !flags.has('v')) {
            return m.quiet();
        }
        long ttl = flags.has('t') ? secondsToLive(key) : -1;
        String digits = Long.toUnsignedString(value);
        MetaLine head = flags.has('v') ? m.beginValue(digits.length()) : m.begin("HD");
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'c' -> head.number('c', result.cas());
                case 'k' -> m.echoKey(head);
                case 'O' -> head.echo('O', i, 1);
                case 't' -> head.number('t', ttl);
                default -> { }
            }
        }
        ByteBuf reply = head.end();
        if (flags.has('v')) {
            reply.writeCharSequence(digits, US_ASCII);
            reply.writeBytes(Replies.CRLF);
        }
        return r.answer(reply);
    }

    /** The item's remaining time to live, read back for ma's t flag (-1: never expires or gone). */
    private long secondsToLive(ByteBuf key) {
        Item item = store.peek(key);
        if (item == null) {
            return -1;
        }
        item.value().release();
        return item.secondsToLive();
    }

    /** True for incr (the default), false for decr, null for a mode that is neither. */
    private Boolean arithmeticMode() {
        ByteBuf mode = flags.value('M');
        if (mode == null) {
            return Boolean.TRUE;
        }
        if (mode.readableBytes() != 1) {
            return null;
        }
        return switch ((char) mode.getByte(0)) {
            case 'I', 'i', '+' -> Boolean.TRUE;
            case 'D', 'd', '-' -> Boolean.FALSE;
            default -> null;
        };
    }
}
