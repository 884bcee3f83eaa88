package dev.larder.storage.memory;

import io.netty.buffer.ByteBuf;

/** Reads a stored value as incr and decr do, following memcached's {@code safe_strtoull}. */
final class DecimalValue {

    private DecimalValue() {
    }

    /**
     * The unsigned number at the start of the value (after blanks), ending at a
     * blank or the value's end, as an unsigned long.
     *
     * @throws NumberFormatException for anything else, an empty value, or a number of 2^64 or more
     */
    static long parse(ByteBuf bytes, int from, int length) {
        int at = from;
        int end = from + length;
        while (at < end && isSpace(bytes.getByte(at))) {
            at++;
        }
        int digitsStart = at;
        long value = 0;
        while (at < end) {
            int digit = bytes.getByte(at) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
                throw new NumberFormatException("above 2^64 - 1");
            }
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) {
                throw new NumberFormatException("above 2^64 - 1");
            }
            value = next;
            at++;
        }
        if (at == digitsStart || (at < end && !isSpace(bytes.getByte(at)))) {
            throw new NumberFormatException("not a decimal number");
        }
        return value;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == '\f';
    }
}
