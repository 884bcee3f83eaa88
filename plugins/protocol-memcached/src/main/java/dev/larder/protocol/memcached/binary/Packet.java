package dev.larder.protocol.memcached.binary;

import io.netty.buffer.ByteBuf;

/**
 * A request's 24-byte header read in place from the input, and where its extras,
 * key and value lie there. Reused for every request of a connection.
 */
final class Packet {

    static final int HEADER = 24;
    static final int REQUEST_MAGIC = 0x80;
    static final int RESPONSE_MAGIC = 0x81;

    ByteBuf in;
    int start;
    int opcode;
    int keyLength;
    int extrasLength;
    int bodyLength;
    int opaque;
    long cas;

    /** The longest body a request may have; memcached drops a connection that sends a longer one. */
    static final long MAX_BODY = Integer.MAX_VALUE - 2;

    /** Reads the header at {@code at}; false when its body length is beyond {@link #MAX_BODY}. */
    boolean read(ByteBuf input, int at) {
        in = input;
        start = at;
        opcode = input.getUnsignedByte(at + 1);
        keyLength = input.getUnsignedShort(at + 2);
        extrasLength = input.getUnsignedByte(at + 4);
        long body = input.getUnsignedInt(at + 8);
        bodyLength = (int) Math.min(MAX_BODY, body);
        opaque = input.getInt(at + 12);
        cas = input.getLong(at + 16);
        return body <= MAX_BODY;
    }

    int extrasStart() {
        return start + HEADER;
    }

    int keyStart() {
        return extrasStart() + extrasLength;
    }

    int valueStart() {
        return keyStart() + keyLength;
    }

    int valueLength() {
        return bodyLength - extrasLength - keyLength;
    }

    int end() {
        return start + HEADER + bodyLength;
    }

    ByteBuf key() {
        return in.slice(keyStart(), keyLength);
    }

    ByteBuf value() {
        return in.slice(valueStart(), valueLength());
    }

    int extraInt(int offset) {
        return in.getInt(extrasStart() + offset);
    }

    long extraLong(int offset) {
        return in.getLong(extrasStart() + offset);
    }
}
