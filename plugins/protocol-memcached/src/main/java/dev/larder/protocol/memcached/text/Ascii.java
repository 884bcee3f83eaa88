package dev.larder.protocol.memcached.text;

import io.netty.buffer.ByteBuf;

/** Decimal numbers in replies, sized and written without making strings. */
final class Ascii {

    private Ascii() {
    }

    /** How many characters {@code n} (not negative) takes in decimal. */
    static int decimalLength(long n) {
        int length = 1;
        while (n >= 10) {
            n /= 10;
            length++;
        }
        return length;
    }

    /** Writes {@code n} (not negative) in decimal. */
    static void writeDecimal(ByteBuf out, long n) {
        int length = decimalLength(n);
        int at = out.writerIndex() + length;
        out.ensureWritable(length);
        for (int i = 1; i <= length; i++) {
            out.setByte(at - i, (int) ('0' + n % 10));
            n /= 10;
        }
        out.writerIndex(at);
    }
}
