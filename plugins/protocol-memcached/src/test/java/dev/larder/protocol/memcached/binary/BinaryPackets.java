package dev.larder.protocol.memcached.binary;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds binary request packets and reads response packets, for tests. */
final class BinaryPackets {

    private BinaryPackets() {
    }

    /** A request: header fields, then extras, key and value, each optional. */
    static final class Request {
        private final int opcode;
        private byte[] extras = new byte[0];
        private byte[] key = new byte[0];
        private byte[] value = new byte[0];
        private long cas;
        private int opaque;
        private int magic = Packet.REQUEST_MAGIC;
        private Long bodyLength;

        Request(int opcode) {
            this.opcode = opcode;
        }

        Request key(String k) {
            key = k.getBytes(StandardCharsets.US_ASCII);
            return this;
        }

        Request value(String v) {
            return value(v.getBytes(StandardCharsets.UTF_8));
        }

        Request value(byte[] v) {
            value = v;
            return this;
        }

        Request extras(byte[] e) {
            extras = e;
            return this;
        }

        /** Flags and expiry, as the stores take them. */
        Request flagsAndExpiry(int flags, int exptime) {
            return extras(Unpooled.buffer(8).writeInt(flags).writeInt(exptime).array());
        }

        Request expiry(int exptime) {
            return extras(Unpooled.buffer(4).writeInt(exptime).array());
        }

        /** Delta, initial value and expiry, as increment and decrement take them. */
        Request arithmetic(long delta, long initial, int exptime) {
            return extras(Unpooled.buffer(20).writeLong(delta).writeLong(initial).writeInt(exptime).array());
        }

        Request cas(long c) {
            cas = c;
            return this;
        }

        Request opaque(int o) {
            opaque = o;
            return this;
        }

        Request magic(int m) {
            magic = m;
            return this;
        }

        /** A body length other than the one the parts add up to. */
        Request bodyLength(long length) {
            bodyLength = length;
            return this;
        }

        byte[] bytes() {
            long body = bodyLength != null ? bodyLength : extras.length + key.length + value.length;
            ByteBuf out = Unpooled.buffer();
            out.writeByte(magic).writeByte(opcode).writeShort(key.length).writeByte(extras.length).writeByte(0)
                    .writeShort(0).writeInt((int) body).writeInt(opaque).writeLong(cas);
            out.writeBytes(extras).writeBytes(key).writeBytes(value);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        }
    }

    static Request request(int opcode) {
        return new Request(opcode);
    }

    /** One response packet. */
    record Response(int opcode, int status, byte[] extras, String key, byte[] value, int opaque, long cas) {

        String valueText() {
            return new String(value, StandardCharsets.UTF_8);
        }

        int flags() {
            return Unpooled.wrappedBuffer(extras).readInt();
        }

        long number() {
            return Unpooled.wrappedBuffer(value).readLong();
        }
    }

    /** Reads every response packet in {@code in}, checking each one's magic. */
    static List<Response> responses(ByteBuf in) {
        List<Response> responses = new ArrayList<>();
        while (in.isReadable()) {
            int magic = in.readUnsignedByte();
            if (magic != Packet.RESPONSE_MAGIC) {
                throw new AssertionError("not a response packet: magic " + magic);
            }
            int opcode = in.readUnsignedByte();
            int keyLength = in.readUnsignedShort();
            int extrasLength = in.readUnsignedByte();
            in.skipBytes(1);
            int status = in.readUnsignedShort();
            int body = in.readInt();
            int opaque = in.readInt();
            long cas = in.readLong();
            byte[] extras = new byte[extrasLength];
            in.readBytes(extras);
            String key = in.readCharSequence(keyLength, StandardCharsets.US_ASCII).toString();
            byte[] value = new byte[body - extrasLength - keyLength];
            in.readBytes(value);
            responses.add(new Response(opcode, status, extras, key, value, opaque, cas));
        }
        in.release();
        return responses;
    }
}
