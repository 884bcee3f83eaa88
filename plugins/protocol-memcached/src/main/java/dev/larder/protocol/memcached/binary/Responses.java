package dev.larder.protocol.memcached.binary;

import dev.larder.spi.net.Connection;
import io.netty.buffer.ByteBuf;

/** Writes responses: one reservation each, the header and body together. */
final class Responses {

    private Responses() {
    }

    /** Reserves a whole response and writes its header; the caller writes extras, key and value, in that order. */
    static ByteBuf start(Connection c, Packet request, Status status, int extras, int keyLength, int valueLength,
                         long cas) {
        return start(c, request, status, extras, keyLength, valueLength, valueLength, cas);
    }

    /**
     * As {@link #start(Connection, Packet, Status, int, int, int, long)}, reserving
     * only {@code valueReserved} of the value's bytes: none when the value is
     * chained after the reservation by reference.
     */
    static ByteBuf start(Connection c, Packet request, Status status, int extras, int keyLength, int valueLength,
                         int valueReserved, long cas) {
        int body = extras + keyLength + valueLength;
        ByteBuf out = c.reserve(Packet.HEADER + body - valueLength + valueReserved);
        out.writeByte(Packet.RESPONSE_MAGIC);
        out.writeByte(request.opcode);
        out.writeShort(keyLength);
        out.writeByte(extras);
        out.writeByte(0);
        out.writeShort(status.code);
        out.writeInt(body);
        out.writeInt(request.opaque);
        out.writeLong(cas);
        return out;
    }

    /** A success with no body. */
    static void success(Connection c, Packet request, long cas) {
        start(c, request, Status.SUCCESS, 0, 0, 0, cas);
    }

    /** An error, with memcached's message as its body. */
    static void error(Connection c, Packet request, Status status) {
        start(c, request, status, 0, 0, status.message.length, 0).writeBytes(status.message);
    }
}
