package dev.larder.protocol.memcached.text;

import dev.larder.spi.net.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A connection for micro-benchmarks: the same request bytes served over and
 * over, responses written into one reused buffer, chained values released at once.
 */
public final class BenchConnection implements Connection {

    private final ByteBuf input;
    private final ByteBuf output = Unpooled.directBuffer(64 * 1024);

    public BenchConnection(byte[] request) {
        input = Unpooled.directBuffer(request.length).writeBytes(request);
    }

    /** Makes the request readable again; returns the bytes written for the last one. */
    public int rewind() {
        input.readerIndex(0);
        int written = output.readableBytes();
        output.clear();
        return written;
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("bench", 1);
    }

    @Override
    public ByteBuf input() {
        return input;
    }

    @Override
    public boolean reserveInput(int requestBytes) {
        return true;
    }

    @Override
    public ByteBuf reserve(int size) {
        return output;
    }

    @Override
    public boolean sendsByReference(int valueLength) {
        return valueLength >= 4096;
    }

    @Override
    public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
        source.getBytes(index, reservation, reservation.writerIndex(), length);
        reservation.writerIndex(reservation.writerIndex() + length);
    }

    @Override
    public void chain(ByteBuf data) {
        output.writerIndex(output.writerIndex() + Math.min(output.writableBytes(), data.readableBytes()));
        data.release();
    }

    @Override
    public void closeAfterWrite() {
    }
}
