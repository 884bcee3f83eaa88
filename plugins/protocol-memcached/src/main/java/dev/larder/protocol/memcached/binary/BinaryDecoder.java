package dev.larder.protocol.memcached.binary;

import dev.larder.spi.net.Connection;
import io.netty.buffer.ByteBuf;

/**
 * Frames binary requests in place in the connection's input: the part of
 * Netty's codec-memcache that its request decoder and object aggregator do
 * together. Unlike them it builds no message objects, so a request costs no
 * allocation; and it judges a request's size from its header, so a value too
 * large to store is refused before it is read and then thrown away as it
 * arrives rather than aggregated.
 */
final class BinaryDecoder {

    static final int MAX_KEY_LENGTH = 250;

    /** What the input holds for the next request. */
    enum Frame {
        /** A whole request, read into the packet. */
        WHOLE,
        /** Not enough bytes yet. */
        NEEDS_INPUT,
        /** The rest of a refused value was thrown away; nothing to answer. */
        DISCARDED,
        /** Not a request packet: the boundaries are lost, and memcached closes without a word. */
        NOT_A_REQUEST,
        /** Lengths that cannot be: memcached answers "Invalid arguments" and closes. */
        IMPOSSIBLE_LENGTHS,
        /** A value over the item size limit; its header and key are in the packet. */
        TOO_LARGE,
        /** A request the connection's input budget cannot hold; its header and key are in the packet. */
        NO_ROOM
    }

    private final long maxItemSize;
    /** Bytes of a refused value still to be read and thrown away. */
    private long discarding;

    BinaryDecoder(long maxItemSize) {
        this.maxItemSize = maxItemSize;
    }

    Frame decode(Connection c, Packet p) {
        ByteBuf in = c.input();
        if (discarding > 0) {
            int n = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(n);
            discarding -= n;
            return discarding > 0 ? Frame.NEEDS_INPUT : Frame.DISCARDED;
        }
        if (in.readableBytes() < Packet.HEADER) {
            return Frame.NEEDS_INPUT;
        }
        if (in.getUnsignedByte(in.readerIndex()) != Packet.REQUEST_MAGIC) {
            return Frame.NOT_A_REQUEST;
        }
        if (!p.read(in, in.readerIndex()) || p.keyLength + p.extrasLength > p.bodyLength
                || p.keyLength > MAX_KEY_LENGTH) {
            return Frame.IMPOSSIBLE_LENGTHS;
        }
        boolean whole = in.readableBytes() >= Packet.HEADER + p.bodyLength;
        Frame refusal = p.valueLength() > maxItemSize ? Frame.TOO_LARGE
                : !whole && !c.reserveInput(Packet.HEADER + p.bodyLength) ? Frame.NO_ROOM : null;
        if (refusal != null) {
            // The refusal names the key (a refused set removes it), so wait for the key first.
            return in.readableBytes() < headerAndKey(p) ? Frame.NEEDS_INPUT : refusal;
        }
        return whole ? Frame.WHOLE : Frame.NEEDS_INPUT;
    }

    /** After a refusal is answered: skips the request's header and key now, and its value as it comes. */
    void discard(ByteBuf in, Packet p) {
        in.skipBytes(headerAndKey(p));
        discarding = p.valueLength();
    }

    private static int headerAndKey(Packet p) {
        return Packet.HEADER + p.extrasLength + p.keyLength;
    }
}
