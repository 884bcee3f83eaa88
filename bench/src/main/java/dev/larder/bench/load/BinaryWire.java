package dev.larder.bench.load;

import io.netty.buffer.ByteBuf;

/** memcached's binary protocol: GET and SET packets, replies by status. */
final class BinaryWire implements WireProtocol {

    private static final int HEADER = 24;
    private static final byte REQUEST = (byte) 0x80;
    private static final byte GET = 0x00;
    private static final byte SET = 0x01;

    @Override
    public void writeGet(ByteBuf out, byte[] key) {
        header(out, GET, key.length, 0, key.length);
        out.writeBytes(key);
    }

    @Override
    public void writeSet(ByteBuf out, byte[] key, byte[] value) {
        header(out, SET, key.length, 8, 8 + key.length + value.length);
        out.writeInt(0).writeInt(0);
        out.writeBytes(key).writeBytes(value);
    }

    private static void header(ByteBuf out, byte opcode, int keyLength, int extras, int body) {
        out.writeByte(REQUEST).writeByte(opcode).writeShort(keyLength).writeByte(extras).writeByte(0)
                .writeShort(0).writeInt(body).writeInt(0).writeLong(0);
    }

    @Override
    public Reply read(ByteBuf in) {
        int start = in.readerIndex();
        if (in.writerIndex() - start < HEADER) {
            return Reply.INCOMPLETE;
        }
        int body = in.getInt(start + 8);
        if (in.writerIndex() - start < HEADER + body) {
            return Reply.INCOMPLETE;
        }
        int opcode = in.getUnsignedByte(start + 1);
        int status = in.getUnsignedShort(start + 6);
        in.readerIndex(start + HEADER + body);
        if (status == 1) {
            return Reply.MISS;
        }
        if (status != 0) {
            return Reply.ERROR;
        }
        return opcode == GET ? Reply.HIT : Reply.STORED;
    }
}
