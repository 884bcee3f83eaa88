package dev.larder.protocol.memcached.text;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The space-separated tokens of one command line, as positions in the input
 * buffer: nothing is copied. Reused for every line of a connection.
 */
final class Tokens {

    private ByteBuf line;
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;

    /**
     * Splits {@code buf[from, to)} on spaces. Each token's end is found with
     * {@link ByteBuf#indexOf}, which checks its range once and scans eight bytes
     * at a time, rather than a bounds-checked read per byte of a key.
     */
    void split(ByteBuf buf, int from, int to) {
        line = buf;
        count = 0;
        int i = from;
        while (i < to) {
            while (i < to && buf.getByte(i) == ' ') {
                i++;
            }
            if (i == to) {
                break;
            }
            int space = buf.indexOf(i, to, (byte) ' ');
            int end = space < 0 ? to : space;
            add(i, end);
            i = end;
        }
    }

    /** The line now lies in {@code buf}, {@code delta} bytes from where it was split. */
    void moved(ByteBuf buf, int delta) {
        line = buf;
        for (int i = 0; i < count; i++) {
            starts[i] += delta;
            ends[i] += delta;
        }
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    /** Whether token {@code i} is exactly the given ASCII word. */
    boolean is(int i, byte[] word) {
        if (i >= count || length(i) != word.length) {
            return false;
        }
        int at = starts[i];
        for (int j = 0; j < word.length; j++) {
            if (line.getByte(at + j) != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last token starts with this ASCII prefix. */
    boolean endsWith(byte[] prefix) {
        if (count == 0 || length(count - 1) < prefix.length) {
            return false;
        }
        int at = starts[count - 1];
        for (int j = 0; j < prefix.length; j++) {
            if (line.getByte(at + j) != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** The first byte of token {@code i}: a meta flag's letter. */
    byte firstByte(int i) {
        return line.getByte(starts[i]);
    }

    /** Appends token {@code i}'s bytes, from its {@code skip}th on, to {@code out}. */
    void copyTo(int i, int skip, ByteBuf out) {
        out.writeBytes(line, starts[i] + skip, length(i) - skip);
    }

    /** A view of token {@code i}; valid until the input moves on. */
    ByteBuf slice(int i) {
        return line.slice(starts[i], length(i));
    }

    /**
     * Token {@code i} as a non-negative decimal number below 2^63, or -1 when it
     * is not one (memcached refuses signs, blanks and overflow alike).
     */
    long unsigned(int i) {
        return digits(starts[i], ends[i]);
    }

    /** Token {@code i} as a signed decimal number, or {@link Long#MIN_VALUE} when it is not one. */
    long signed(int i) {
        boolean negative = length(i) > 1 && line.getByte(starts[i]) == '-';
        return withSign(negative, digits(starts[i] + (negative ? 1 : 0), ends[i]));
    }

    /**
     * Token {@code i} from its {@code skip}th byte as {@link Long#parseLong} reads
     * it (a sign, then up to 19 digits), or {@link Long#MIN_VALUE} when it is not
     * a number: a meta flag's number, such as T's in {@code T-1}.
     */
    long number(int i, int skip) {
        int at = starts[i] + skip;
        boolean signed = at < ends[i] && (line.getByte(at) == '-' || line.getByte(at) == '+');
        return withSign(signed && line.getByte(at) == '-', digits(signed ? at + 1 : at, ends[i]));
    }

    private static long withSign(boolean negative, long magnitude) {
        if (magnitude < 0) {
            return Long.MIN_VALUE;
        }
        return negative ? -magnitude : magnitude;
    }

    /** The bytes in {@code [at, end)} as 1 to 19 decimal digits below 2^63, or -1 when they are not. */
    private long digits(int at, int end) {
        if (at >= end || end - at > 19) {
            return -1;
        }
        long value = 0;
        for (; at < end; at++) {
            int digit = line.getByte(at) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value < 0 ? -1 : value; // past 2^63 - 1
    }
}
