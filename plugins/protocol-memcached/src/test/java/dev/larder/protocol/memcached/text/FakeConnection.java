package dev.larder.protocol.memcached.text;

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
final class FakeConnection implements Connection {

    final ByteBuf input = Unpooled.buffer();
    final List<ByteBuf> reservations = new ArrayList<>();
    /** Reservations and chained buffers, in the order they would be written. */
    final List<ByteBuf> output = new ArrayList<>();
    int byReferenceThreshold = Integer.MAX_VALUE;
    long bytesCopied;
    long bytesByReference;
    boolean closeRequested;

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
    boolean inputBudgetLeft = true;
    /** The largest request a protocol asked to hold. */
    int largestReserved;

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
    Outcome send(ProtocolSession session, String text) {
        input.writeBytes(text.getBytes(US_ASCII));
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
    String replies() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf r : reservations) {
            if (r.writableBytes() != 0) {
                throw new AssertionError("reservation of " + r.capacity() + " bytes left " + r.writableBytes() + " unused");
            }
        }
        for (ByteBuf piece : output) {
            text.append(piece.toString(US_ASCII));
            if (!reservations.contains(piece)) {
                piece.release();
            }
        }
        reservations.clear();
        output.clear();
        return text.toString();
    }
}
