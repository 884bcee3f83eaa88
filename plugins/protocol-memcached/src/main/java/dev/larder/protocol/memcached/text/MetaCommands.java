package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Base64;

/**
 * memcached's meta commands: {@code mg}, {@code ms}, {@code md}, {@code ma},
 * {@code mn} and {@code me}. Return flags come back in the order they were
 * asked for; a miss or failure echoes {@code k}, {@code O} and {@code b}; the
 * {@code q} flag hides the uninteresting reply (EN for mg, HD for the others).
 * The response line is built as text: meta replies are short, and they are
 * still reserved once, with the value, before anything is written.
 */
final class MetaCommands {

    private static final String MG_FLAGS = "bcfhklOqstuvENRT";
    private static final String MS_FLAGS = "bcCEFIkOqsSTM";
    private static final String MD_FLAGS = "bCEIkOqTx";
    private static final String MA_FLAGS = "bCENJDTMqOktcv";

    private final ItemStore store;
    private final long maxItemSize;
    private final StorageCommand.Swallower swallower;
    private final Request r;
    private final MetaFlags flags;
    private final CommandCounters counters;

    MetaCommands(ItemStore store, long maxItemSize, StorageCommand.Swallower swallower, Request request,
                 CommandCounters counters) {
        this.counters = counters;
        this.store = store;
        this.maxItemSize = maxItemSize;
        this.swallower = swallower;
        this.r = request;
        this.flags = new MetaFlags(request.tokens);
    }

    Outcome mn() {
        return r.answer(Replies.MN);
    }

    /** {@code mg <key> <flags>*}. */
    Outcome mg() {
        byte[] error = checkKeyAndFlags(2, MG_FLAGS, Replies.INVALID_FLAG, Replies.DUPLICATE_FLAG);
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        long touch = flags.number('T', Long.MAX_VALUE);
        if (touch == Long.MIN_VALUE) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        Item item = touch != Long.MAX_VALUE ? store.getAndTouch(key, touch) : store.get(key);
        counters.get(item != null);
        if (item == null) {
            return flags.has('q') ? quiet() : r.answer(line("EN", null, false));
        }
        ByteBuf value = item.value();
        try {
            boolean withValue = flags.has('v');
            StringBuilder head = new StringBuilder(withValue ? "VA " + value.readableBytes() : "HD");
            for (int i = flags.first(); i < flags.count(); i++) {
                switch (flags.letter(i)) {
                    case 'c' -> head.append(" c").append(item.cas());
                    case 'f' -> head.append(" f").append(item.flags() & 0xFFFFFFFFL);
                    case 'h' -> head.append(" h").append(item.fetchedBefore() ? 1 : 0);
                    case 'k' -> head.append(keyEcho());
                    case 'l' -> head.append(" l").append(item.secondsSinceAccess());
                    case 'O' -> head.append(' ').append(token(i));
                    case 's' -> head.append(" s").append(value.readableBytes());
                    case 't' -> head.append(" t").append(item.secondsToLive());
                    default -> { } // flags that change what is done, not what is returned
                }
            }
            byte[] header = (head + "\r\n").getBytes(US_ASCII);
            if (withValue && r.connection.sendsByReference(value)) {
                r.connection.reserve(header.length).writeBytes(header);
                r.connection.chain(value.retainedSlice());
                r.connection.chain(Replies.chainedCrlf());
            } else {
                ByteBuf out = r.connection.reserve(header.length + (withValue ? value.readableBytes() + 2 : 0));
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

    /** {@code ms <key> <datalen> <flags>*} and the data block. */
    Outcome ms() {
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
            r.answer(error);
            swallower.swallow(r.in, length + 2);
            return Outcome.SERVED;
        }
        if (!r.hasDataBlock((int) length)) {
            return Outcome.NEEDS_INPUT;
        }
        int dataStart = r.next;
        if (!r.skipDataBlock((int) length)) {
            return r.answer(Replies.BAD_DATA_CHUNK);
        }
        ByteBuf key = key();
        long clientFlags = flags.number('F', 0);
        long ttl = flags.number('T', 0);
        long compareCas = flags.number('C', 0);
        if (key == null || clientFlags < 0 || clientFlags > 0xFFFFFFFFL || ttl == Long.MIN_VALUE
                || compareCas == Long.MIN_VALUE) {
            return r.answer(key == null ? Replies.BAD_BASE64_KEY : Replies.BAD_COMMAND_LINE);
        }
        if (flags.has('C') && mode == StoreMode.SET) {
            mode = StoreMode.CAS;
        }
        StoreResult result = store.store(mode, key, (int) clientFlags, ttl, r.in.slice(dataStart, (int) length),
                compareCas);
        counters.stored(mode, result);
        return switch (result) {
            case STORED -> flags.has('q') ? quiet() : r.answer(line("HD", key, true));
            case NOT_STORED -> r.answer(line("NS", null, false));
            case EXISTS -> r.answer(line("EX", null, false));
            case NOT_FOUND -> r.answer(line("NF", null, false));
            case NO_MEMORY -> r.answer(Replies.OUT_OF_MEMORY);
        };
    }

    /** {@code md <key> <flags>*}. */
    Outcome md() {
        byte[] error = checkKeyAndFlags(2, MD_FLAGS, Replies.INVALID_FLAG, Replies.DUPLICATE_FLAG);
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        if (flags.has('C')) {
            // The store cannot yet delete on a CAS unique in one step: compare, then delete.
            Item item = store.peek(key);
            if (item == null) {
                return r.answer(line("NF", null, false));
            }
            item.value().release();
            if (item.cas() != flags.number('C', 0)) {
                return r.answer(line("EX", null, false));
            }
        }
        boolean deleted = store.delete(key);
        counters.delete(deleted);
        if (!deleted) {
            return r.answer(line("NF", null, false));
        }
        return flags.has('q') ? quiet() : r.answer(line("HD", null, false));
    }

    /** {@code ma <key> <flags>*}: incr or decr, creating the item when asked (N). */
    Outcome ma() {
        byte[] error = checkKeyAndFlags(2, MA_FLAGS, Replies.INVALID_OR_DUPLICATE_FLAG,
                Replies.INVALID_OR_DUPLICATE_FLAG);
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        Boolean increment = arithmeticMode();
        if (increment == null) {
            return r.answer(Replies.bytes("CLIENT_ERROR invalid mode for ma M token\r\n"));
        }
        long delta;
        long initial;
        try {
            delta = flags.unsigned('D', 1);
            initial = flags.unsigned('J', 0);
        } catch (NumberFormatException e) {
            return r.answer(Replies.INVALID_DELTA);
        }
        long vivifyTtl = flags.number('N', Long.MAX_VALUE);
        ArithmeticResult result = store.incrementOrDecrement(key, increment, delta);
        counters.arithmetic(increment, result.status() != ArithmeticResult.Status.NOT_FOUND);
        long value;
        if (result.status() == ArithmeticResult.Status.NOT_FOUND && vivifyTtl != Long.MAX_VALUE) {
            ByteBuf digits = Unpooled.copiedBuffer(Long.toUnsignedString(initial), US_ASCII);
            if (store.store(StoreMode.ADD, key, 0, vivifyTtl, digits, 0) != StoreResult.STORED) {
                result = store.incrementOrDecrement(key, increment, delta); // created meanwhile by someone else
            } else {
                result = new ArithmeticResult(ArithmeticResult.Status.OK, initial, 0);
            }
        }
        switch (result.status()) {
            case NOT_FOUND -> {
                return r.answer(line("NF", null, false));
            }
            case NON_NUMERIC -> {
                return r.answer(Replies.NON_NUMERIC);
            }
            case NO_MEMORY -> {
                return r.answer(Replies.OUT_OF_MEMORY);
            }
            default -> value = result.value();
        }
        if (flags.has('q') && !flags.has('v')) {
            return quiet();
        }
        Item item = store.peek(key);
        long ttl = -1;
        long cas = result.cas();
        if (item != null) {
            item.value().release();
            ttl = item.secondsToLive();
            cas = item.cas();
        }
        String digits = Long.toUnsignedString(value);
        StringBuilder head = new StringBuilder(flags.has('v') ? "VA " + digits.length() : "HD");
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'c' -> head.append(" c").append(cas);
                case 'k' -> head.append(keyEcho());
                case 'O' -> head.append(' ').append(token(i));
                case 't' -> head.append(" t").append(ttl);
                default -> { }
            }
        }
        head.append("\r\n");
        if (flags.has('v')) {
            head.append(digits).append("\r\n");
        }
        return r.answer(head.toString().getBytes(US_ASCII));
    }

    /** {@code me <key>}: what the store knows of an item, for debugging. */
    Outcome me() {
        if (r.keyTooLong(1)) {
            return r.answer(Replies.BAD_COMMAND_LINE);
        }
        Item item = store.peek(r.tokens.slice(1));
        if (item == null) {
            return r.answer(Replies.bytes("EN\r\n"));
        }
        int size = item.value().readableBytes();
        item.value().release();
        return r.answer(Replies.bytes("ME " + token(1) + " exp=" + item.secondsToLive() + " la="
                + item.secondsSinceAccess() + " cas=" + item.cas() + " fetch=" + (item.fetchedBefore() ? "yes" : "no")
                + " cls=1 size=" + size + "\r\n"));
    }

    private byte[] checkKeyAndFlags(int firstFlag, String allowed, byte[] invalid, byte[] duplicate) {
        if (r.keyTooLong(1)) {
            return Replies.BAD_COMMAND_LINE;
        }
        return flags.parse(firstFlag, allowed, invalid, duplicate);
    }

    /** The key, decoded when the b flag says it is base64; null when it does not decode. */
    private ByteBuf key() {
        ByteBuf token = r.tokens.slice(1);
        if (!flags.has('b')) {
            return token;
        }
        try {
            return Unpooled.wrappedBuffer(Base64.getDecoder().decode(token.toString(US_ASCII)));
        } catch (IllegalArgumentException e) {
            return null;
        }
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

    /** A status line with the flags it returns: all of ms's on success, else only k, O and b. */
    private byte[] line(String status, ByteBuf storedKey, boolean success) {
        StringBuilder line = new StringBuilder(status);
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'k' -> line.append(keyEcho());
                case 'O' -> line.append(' ').append(token(i));
                case 'c' -> {
                    if (success) {
                        line.append(" c").append(casOf(storedKey));
                    }
                }
                default -> { }
            }
        }
        return line.append("\r\n").toString().getBytes(US_ASCII);
    }

    /** The CAS unique of the item just stored, read back (the store does not return it yet). */
    private long casOf(ByteBuf key) {
        Item item = store.peek(key);
        if (item == null) {
            return 0;
        }
        item.value().release();
        return item.cas();
    }

    /** The k flag's return: the key as the client sent it, marked b when that was base64. */
    private String keyEcho() {
        return " k" + token(1) + (flags.has('b') ? " b" : "");
    }

    private String token(int i) {
        return r.tokens.slice(i).toString(US_ASCII);
    }

    private Outcome quiet() {
        r.consumeLine();
        return Outcome.SERVED;
    }
}
