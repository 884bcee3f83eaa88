package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.protocol.memcached.stats.CommandCounters;
import dev.larder.spi.net.ProtocolSession.Outcome;
import dev.larder.spi.store.ArithmeticResult;
import dev.larder.spi.store.DeleteResult;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreMode;
import dev.larder.spi.store.StoreReceipt;
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

    // The flags memcached 1.6.18 accepts; it refuses the later E (explicit CAS) and x (remove the value).
    private static final String MG_FLAGS = "bcfhklOqstuvNRT";
    private static final String MS_FLAGS = "bcCFIkNOqsSTM";
    private static final String MD_FLAGS = "bCIkOqT";
    private static final String MA_FLAGS = "bCNJDTMqOktcv";

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
        if (malformed('T') || malformed('N') || malformed('R')) {
            return r.answer(Replies.BAD_TOKEN);
        }
        Item item = store.metaGet(key, optional('T'), optional('N'), optional('R'), flags.has('u'));
        counters.get(item != null); // memcached counts an item created by N as a hit
        if (item == null) {
            return flags.has('q') ? quiet() : r.answer(line("EN", 0));
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
            appendRecacheFlags(head, item);
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

    /**
     * The stale-while-revalidate flags, after the requested ones and in memcached's
     * order: Z when another client already won the recache, X when the item is
     * stale, W when this client won it.
     */
    private static void appendRecacheFlags(StringBuilder head, Item item) {
        if (item.winSentBefore()) {
            head.append(" Z");
        }
        if (item.stale()) {
            head.append(" X");
        }
        if (item.won()) {
            head.append(" W");
        }
    }

    /** Whether the flag is there with a token that is not a number. */
    private boolean malformed(char flag) {
        return flags.has(flag) && flags.number(flag, 0) == Long.MIN_VALUE;
    }

    /** The flag's number, or {@link ItemStore#NOT_GIVEN} without the flag. */
    private long optional(char flag) {
        return flags.has(flag) ? flags.number(flag, 0) : ItemStore.NOT_GIVEN;
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
        ByteBuf key = key();
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
            case STORED -> flags.has('q') ? quiet() : r.answer(line("HD", receipt.cas(), true));
            case NOT_STORED -> r.answer(line("NS", 0, true));
            case EXISTS -> r.answer(line("EX", 0, true));
            case NOT_FOUND -> r.answer(line("NF", 0, true));
            case NO_MEMORY -> r.answer(Replies.OUT_OF_MEMORY);
        };
    }

    /** {@code md <key> <flags>*}. */
    Outcome md() {
        byte[] error = checkKeyAndFlags(2, MD_FLAGS, Replies.INVALID_OR_DUPLICATE_FLAG,
                Replies.INVALID_OR_DUPLICATE_FLAG);
        if (error == null && (malformed('T') || malformed('C'))) {
            error = Replies.INVALID_OR_DUPLICATE_FLAG;
        }
        if (error != null) {
            return r.answer(error);
        }
        ByteBuf key = key();
        if (key == null) {
            return r.answer(Replies.BAD_BASE64_KEY);
        }
        long cas = flags.has('C') ? flags.number('C', 0) : 0;
        if (flags.has('I')) {
            // Invalidate: the item stays, stale, so readers are served while one of them recaches it.
            StoreResult result = store.invalidate(key, cas, optional('T'));
            counters.delete(result == StoreResult.STORED);
            return switch (result) {
                case STORED -> flags.has('q') ? quiet() : r.answer(line("HD", 0));
                case EXISTS -> r.answer(line("EX", 0));
                default -> r.answer(line("NF", 0));
            };
        }
        DeleteResult result = store.delete(key, cas);
        counters.delete(result == DeleteResult.DELETED);
        return switch (result) {
            case DELETED -> flags.has('q') ? quiet() : r.answer(line("HD", 0));
            case EXISTS -> r.answer(line("EX", 0));
            case NOT_FOUND -> r.answer(line("NF", 0));
        };
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
        long cas;
        try {
            delta = flags.unsigned('D', 1);
            initial = flags.unsigned('J', 0);
            cas = flags.unsigned('C', 0);
        } catch (NumberFormatException e) {
            return r.answer(Replies.INVALID_OR_DUPLICATE_FLAG);
        }
        if (malformed('N') || malformed('T')) {
            return r.answer(Replies.INVALID_OR_DUPLICATE_FLAG);
        }
        long vivifyTtl = optional('N');
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
                return r.answer(line("NF", 0));
            }
            case EXISTS -> {
                return r.answer(line("EX", 0));
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
            store.touch(key, optional('T'));
        }
        if (flags.has('q') && !flags.has('v')) {
            return quiet();
        }
        long ttl = flags.has('t') ? secondsToLive(key) : -1;
        String digits = Long.toUnsignedString(value);
        StringBuilder head = new StringBuilder(flags.has('v') ? "VA " + digits.length() : "HD");
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'c' -> head.append(" c").append(result.cas());
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

    /** The item's remaining time to live, read back for ma's t flag (-1: never expires or gone). */
    private long secondsToLive(ByteBuf key) {
        Item item = store.peek(key);
        if (item == null) {
            return -1;
        }
        item.value().release();
        return item.secondsToLive();
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

    /**
     * A status line with the flags it returns: k and O always, c (with the new
     * item's CAS unique) only when the command stored one.
     */
    private byte[] line(String status, long storedCas) {
        return line(status, storedCas, false);
    }

    /** A status line with the flags that echo: k, O, and c (when a CAS unique is known, or always for ms). */
    private byte[] line(String status, long storedCas, boolean casEvenIfNone) {
        StringBuilder line = new StringBuilder(status);
        for (int i = flags.first(); i < flags.count(); i++) {
            switch (flags.letter(i)) {
                case 'k' -> line.append(keyEcho());
                case 'O' -> line.append(' ').append(token(i));
                case 'c' -> {
                    if (storedCas != 0 || casEvenIfNone) {
                        line.append(" c").append(storedCas);
                    }
                }
                default -> { }
            }
        }
        return line.append("\r\n").toString().getBytes(US_ASCII);
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
