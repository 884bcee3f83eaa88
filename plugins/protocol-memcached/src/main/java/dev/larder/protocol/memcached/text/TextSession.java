package dev.larder.protocol.memcached.text;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.store.Item;
import dev.larder.spi.store.ItemStore;
import dev.larder.spi.store.StoreResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * memcached's text protocol for one connection: each call finds one command
 * line in the input, parses it in place and answers it with one reservation.
 */
final class TextSession implements ProtocolSession {

    /** memcached closes a connection that sends this much without a newline, unless it is a get. */
    static final int MAX_LINE = 2048;
    /** A multi-get line may be longer, up to this. */
    static final int MAX_GET_LINE = 1024 * 1024;
    static final int MAX_KEY_LENGTH = 250;

    private static final byte[] GET = Replies.bytes("get");
    private static final byte[] SET = Replies.bytes("set");
    private static final byte[] DELETE = Replies.bytes("delete");
    private static final byte[] VERSION = Replies.bytes("version");
    private static final byte[] QUIT = Replies.bytes("quit");
    private static final byte[] STATS = Replies.bytes("stats");
    private static final byte[] NOREPLY = Replies.bytes("noreply");
    private static final byte[] ZERO = Replies.bytes("0");

    private final ItemStore store;
    private final long maxItemSize;
    private final byte[] versionReply;
    private final GeneralStats stats;
    private final Tokens tokens = new Tokens();
    private final List<Item> hits = new ArrayList<>();
    /** For each hit, the index of its key's token. */
    private int[] hitKeys = new int[8];
    /** Bytes of a refused value still to be read and thrown away. */
    private long swallowing;

    TextSession(ItemStore store, long maxItemSize, byte[] versionReply, GeneralStats stats) {
        this.store = store;
        this.maxItemSize = maxItemSize;
        this.versionReply = versionReply;
        this.stats = stats;
    }

    @Override
    public Outcome serveOne(Connection connection) {
        ByteBuf in = connection.input();
        if (swallowing > 0) {
            return swallow(in);
        }
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            return lineTooLong(in) ? Outcome.CLOSE : Outcome.NEEDS_INPUT;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        tokens.split(in, start, end);
        int next = lf + 1;
        if (tokens.is(0, GET) && tokens.count() >= 2) {
            return get(connection, in, next);
        }
        if (tokens.is(0, SET) && (tokens.count() == 5 || tokens.count() == 6)) {
            return set(connection, in, next);
        }
        in.readerIndex(next);
        if (tokens.is(0, DELETE) && tokens.count() >= 2 && tokens.count() <= 4) {
            return delete(connection);
        }
        if (tokens.is(0, VERSION)) {
            reply(connection, versionReply);
            return Outcome.SERVED;
        }
        if (tokens.is(0, STATS) && tokens.count() == 1) {
            reply(connection, stats.reply());
            return Outcome.SERVED;
        }
        if (tokens.is(0, QUIT)) {
            return Outcome.CLOSE;
        }
        reply(connection, Replies.ERROR);
        return Outcome.SERVED;
    }

    /** No newline yet: fine, unless far more arrived than any command line may hold. */
    private static boolean lineTooLong(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable <= MAX_LINE) {
            return false;
        }
        int at = in.readerIndex();
        int limit = Math.min(in.writerIndex(), at + 100);
        while (at < limit && in.getByte(at) == ' ') {
            at++;
        }
        boolean multiGet = startsWith(in, at, "get ") || startsWith(in, at, "gets ");
        return !multiGet || readable > MAX_GET_LINE;
    }

    private static boolean startsWith(ByteBuf in, int at, String prefix) {
        if (in.writerIndex() - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private Outcome swallow(ByteBuf in) {
        int n = (int) Math.min(swallowing, in.readableBytes());
        in.skipBytes(n);
        swallowing -= n;
        return swallowing > 0 ? Outcome.NEEDS_INPUT : Outcome.SERVED;
    }

    /** {@code get <key>*}: every hit as a VALUE block, then END, in one reservation. */
    private Outcome get(Connection connection, ByteBuf in, int next) {
        for (int i = 1; i < tokens.count(); i++) {
            if (tokens.length(i) > MAX_KEY_LENGTH) {
                in.readerIndex(next);
                reply(connection, Replies.BAD_COMMAND_LINE);
                return Outcome.SERVED;
            }
        }
        try {
            int size = Replies.END.length;
            for (int i = 1; i < tokens.count(); i++) {
                Item item = store.get(tokens.slice(i));
                if (item != null) {
                    if (hits.size() == hitKeys.length) {
                        hitKeys = Arrays.copyOf(hitKeys, hitKeys.length * 2);
                    }
                    hitKeys[hits.size()] = i;
                    hits.add(item);
                    int length = item.value().readableBytes();
                    size += Replies.VALUE.length + tokens.length(i) + 1 + Ascii.decimalLength(item.flags() & 0xFFFFFFFFL)
                            + 1 + Ascii.decimalLength(length) + 2 + length + 2;
                }
            }
            ByteBuf out = connection.reserve(size);
            for (int h = 0; h < hits.size(); h++) {
                Item item = hits.get(h);
                int key = hitKeys[h];
                ByteBuf value = item.value();
                out.writeBytes(Replies.VALUE);
                out.writeBytes(in, tokens.start(key), tokens.length(key));
                out.writeByte(' ');
                Ascii.writeDecimal(out, item.flags() & 0xFFFFFFFFL);
                out.writeByte(' ');
                Ascii.writeDecimal(out, value.readableBytes());
                out.writeBytes(Replies.CRLF);
                out.writeBytes(value, value.readerIndex(), value.readableBytes());
                out.writeBytes(Replies.CRLF);
            }
            out.writeBytes(Replies.END);
        } finally {
            for (Item item : hits) {
                item.value().release();
            }
            hits.clear();
        }
        in.readerIndex(next);
        return Outcome.SERVED;
    }

    /** {@code set <key> <flags> <exptime> <bytes> [noreply]} followed by the data block. */
    private Outcome set(Connection connection, ByteBuf in, int dataStart) {
        boolean noreply = tokens.count() == 6 && tokens.is(5, NOREPLY);
        long flags = tokens.unsigned(2);
        long exptime = tokens.signed(3);
        long length = tokens.signed(4);
        if (tokens.length(1) > MAX_KEY_LENGTH || flags < 0 || flags > 0xFFFFFFFFL
                || exptime == Long.MIN_VALUE || length < 0 || length > Integer.MAX_VALUE - 2) {
            in.readerIndex(dataStart);
            replyUnlessQuiet(connection, Replies.BAD_COMMAND_LINE, noreply);
            return Outcome.SERVED;
        }
        if (length > maxItemSize) {
            in.readerIndex(dataStart);
            swallowing = length + 2;
            replyUnlessQuiet(connection, Replies.TOO_LARGE, noreply);
            swallow(in);
            return Outcome.SERVED;
        }
        int dataEnd = dataStart + (int) length;
        if (dataEnd + 2 > in.writerIndex()) {
            return Outcome.NEEDS_INPUT;
        }
        if (in.getByte(dataEnd) != '\r' || in.getByte(dataEnd + 1) != '\n') {
            in.readerIndex(dataEnd + 2);
            replyUnlessQuiet(connection, Replies.BAD_DATA_CHUNK, noreply);
            return Outcome.SERVED;
        }
        StoreResult result = store.set(tokens.slice(1), (int) flags, exptime, in.slice(dataStart, (int) length));
        in.readerIndex(dataEnd + 2);
        replyUnlessQuiet(connection, result == StoreResult.STORED ? Replies.STORED : Replies.OUT_OF_MEMORY, noreply);
        return Outcome.SERVED;
    }

    /** {@code delete <key> [0] [noreply]}. */
    private Outcome delete(Connection connection) {
        int count = tokens.count();
        boolean noreply = tokens.is(count - 1, NOREPLY);
        boolean holdIsZero = count > 2 && tokens.is(2, ZERO);
        boolean valid = count == 2 || (count == 3 && (holdIsZero || noreply)) || (count == 4 && holdIsZero && noreply);
        if (!valid) {
            reply(connection, Replies.DELETE_USAGE);
            return Outcome.SERVED;
        }
        if (tokens.length(1) > MAX_KEY_LENGTH) {
            replyUnlessQuiet(connection, Replies.BAD_COMMAND_LINE, noreply);
            return Outcome.SERVED;
        }
        boolean deleted = store.delete(tokens.slice(1));
        replyUnlessQuiet(connection, deleted ? Replies.DELETED : Replies.NOT_FOUND, noreply);
        return Outcome.SERVED;
    }

    private static void replyUnlessQuiet(Connection connection, byte[] reply, boolean noreply) {
        if (!noreply) {
            reply(connection, reply);
        }
    }

    private static void reply(Connection connection, byte[] reply) {
        connection.reserve(reply.length).writeBytes(reply);
    }
}
