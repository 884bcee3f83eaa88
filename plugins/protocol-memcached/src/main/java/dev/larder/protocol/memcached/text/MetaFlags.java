package dev.larder.protocol.memcached.text;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The flags of one meta command: single letters, some with a token after them
 * ({@code T90}, {@code Oabc}), read in place from the command line. Keeps their
 * order, since the response returns flags in the order they were asked for.
 */
final class MetaFlags {

    static final int MAX_OPAQUE = 32;

    private final Tokens tokens;
    private int first;
    private long seen;

    MetaFlags(Tokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Reads the flags from token {@code from} on; returns null when they are
     * fine, else the error memcached gives for them.
     */
    byte[] parse(int from, String allowed, byte[] invalidFlag, byte[] duplicateFlag) {
        first = from;
        seen = 0;
        for (int i = from; i < tokens.count(); i++) {
            char flag = letter(i);
            if (allowed.indexOf(flag) < 0) {
                return invalidFlag;
            }
            long bit = 1L << (flag - 'A');
            if ((seen & bit) != 0) {
                return duplicateFlag;
            }
            seen |= bit;
            if (flag == 'O' && tokens.length(i) - 1 > MAX_OPAQUE) {
                return Replies.OPAQUE_TOO_LONG;
            }
        }
        return null;
    }

    int first() {
        return first;
    }

    int count() {
        return tokens.count();
    }

    char letter(int token) {
        return (char) tokens.firstByte(token);
    }

    boolean has(char flag) {
        return (seen & (1L << (flag - 'A'))) != 0;
    }

    /** The token after the flag's letter, or null when the flag is absent. */
    ByteBuf value(char flag) {
        int i = indexOf(flag);
        if (i < 0) {
            return null;
        }
        ByteBuf token = tokens.slice(i);
        return token.slice(1, token.readableBytes() - 1);
    }

    /** The flag's token as a signed decimal, {@code absent} without the flag, {@link Long#MIN_VALUE} if malformed. */
    long number(char flag, long absent) {
        int i = indexOf(flag);
        return i < 0 ? absent : tokens.number(i, 1);
    }

    private int indexOf(char flag) {
        if (!has(flag)) {
            return -1;
        }
        for (int i = first; i < tokens.count(); i++) {
            if (letter(i) == flag) {
                return i;
            }
        }
        return -1;
    }

    /** The flag's token as an unsigned 64-bit decimal; throws NumberFormatException if malformed. */
    long unsigned(char flag, long absent) {
        ByteBuf value = value(flag);
        return value == null ? absent : Long.parseUnsignedLong(value.toString(StandardCharsets.US_ASCII));
    }
}
