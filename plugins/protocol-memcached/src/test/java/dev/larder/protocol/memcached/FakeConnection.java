package dev.larder.protocol.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.larder.spi.net.Connection;
import dev.larder.spi.net.ProtocolSession;
import dev.larder.spi.net.ProtocolSession.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A connection without a network: bytes in, reservations out, served as the network layer would. */
public final class FakeConnection implements Connection {

    public final ByteBuf input = Unpooled.buffer();
    public final List<ByteBuf> reservations = new ArrayList<>();
    /** Reservations and chained buffers, in the order they would be written. */
    public final List<ByteBuf> output = new ArrayList<>();
    public int byReferenceThreshold = Integer.MAX_VALUE;
    public long bytesCopied;
    public long bytesByReference;
    public boolean closeRequested;

    @Override
    public long id() {
        return 1;
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public ByteBuf input() {
        return input;
    }

    /** Whether a request in progress may be held; tests switch it off to see the refusal. */
    public boolean inputBudgetLeft = true;
    /** The largest request a protocol asked to hold. */
    public int largestReserved;

    @Override
    public boolean reserveInput(int requestBytes) {
        largestReserved = Math.max(largestReserved, requestBytes);
        return inputBudgetLeft;
    }

    @Override
    public ByteBuf reserve(int size) {
        ByteBuf buf = Unpooled.buffer(size, size);
        reservations.add(buf);
        output.add(buf);
        return buf;
    }

    @Override
    public boolean sendsByReference(int valueLength) {
        return valueLength >= byReferenceThreshold;
    }

    @Override
    public void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
        bytesCopied += length;
        reservation.writeBytes(source, index, length);
    }

    @Override
    public void chain(ByteBuf data) {
        bytesByReference += data.readableBytes();
        output.add(data);
    }

    @Override
    public void closeAfterWrite() {
        closeRequested = true;
    }

    /** Appends bytes and serves all whole requests; returns the last outcome. */
    public Outcome send(ProtocolSession session, String text) {
        return send(session, text.getBytes(US_ASCII));
    }

    /** Appends bytes and serves all whole requests; returns the last outcome. */
    public Outcome send(ProtocolSession session, byte[] bytes) {
        input.writeBytes(bytes);
        Outcome outcome = Outcome.NEEDS_INPUT;
        while (input.isReadable()) {
            outcome = session.serveOne(this);
            if (outcome != Outcome.SERVED && outcome != Outcome.MORE) {
                break;
            }
        }
        return outcome;
    }

    /** Everything replied so far, and forgets it; checks every reservation was filled exactly. */
    public String replies() {
        return replyBytes().toString(US_ASCII);
    }

    /** Everything replied so far as bytes, and forgets it; checks every reservation was filled exactly. */
    public ByteBuf replyBytes() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf r : reservations) {
            if (r.writableBytes() != 0) {
                throw new AssertionError("reservation of " + r.capacity() + " bytes left " + r.writableBytes() + " unused");
            }
        }
        for (ByteBuf piece : output) {
            all.writeBytes(piece, piece.readerIndex(), piece.readableBytes());
            if (!reservations.contains(piece)) {
                piece.release();
            }
        }
        reservations.clear();
        output.clear();
        return all;
    }
}
