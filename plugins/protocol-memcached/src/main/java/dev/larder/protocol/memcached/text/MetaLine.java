package dev.larder.protocol.memcached.text;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The first line of a meta reply ({@code VA 5 c42 t-1 Oabc}), written into one
 * buffer that the session reuses from command to command: numbers go in as
 * digits and tokens are copied from the command line, so a reply makes no
 * strings. The line is read (copied into the response) before the next begins.
 */
final class MetaLine {

    private static final byte[] VALUE = {'V', 'A', ' '};

    private final Tokens tokens;
    private final ByteBuf line = Unpooled.buffer(64);

    MetaLine(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Begins a line with a status code: HD, EN, NF, ... */
    MetaLine status(String code) {
        line.clear().writeCharSequence(code, US_ASCII);
        return this;
    }

    /** Begins a VA line, for a value of this many bytes. */
    MetaLine value(int length) {
        line.clear().writeBytes(VALUE);
        Ascii.writeDecimal(line, length);
        return this;
    }

    /** A returned flag and its number: {@code c42}, {@code t-1}. */
    MetaLine number(char flag, long n) {
        line.writeByte(' ').writeByte(flag);
        if (n < 0) {
            line.writeByte('-');
            n = -n;
        }
        Ascii.writeDecimal(line, n);
        return this;
    }

    /** A returned flag alone: {@code W}, {@code b}. */
    MetaLine flag(char flag) {
        line.writeByte(' ').writeByte(flag);
        return this;
    }

    /** A flag whose token is echoed as the request gave it: {@code Oabc}, or {@code k} and the key's token. */
    MetaLine echo(char flag, int token, int skip) {
        line.writeByte(' ').writeByte(flag);
        tokens.copyTo(token, skip, line);
        return this;
    }

    /** Ends the line; the buffer holds it until the next line begins. */
    ByteBuf end() {
        return line.writeBytes(Replies.CRLF);
    }
}
