package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's rounds of serving in its event loop's {@link OutputScratch}:
 * responses are reserved in the loop's buffer and the round ends with one write
 * to the socket. Whatever the socket does not take, and the rest of a round that
 * chains a value by reference, goes to Netty's queue in order.
 *
 * <p>Nothing is written to the socket until the round ends: a reservation may
 * be asked for while the store holds an item still (see {@code ItemVisitor}),
 * so a full buffer is copied to Netty's queue and reused, not sent.
 */
final class ScratchRound {

    private static final Logger log = LoggerFactory.getLogger(ScratchRound.class);

    private final ChannelHandlerContext ctx;
    private final ConnectionCounters counters;
    private final Consumer<ByteBuf> queue;
    private final Runnable onFailure;
    private OutputScratch scratch;
    /** Where the last reservation in the buffer ends. */
    private int reservedEnd;
    /** Whether this round has put responses in Netty's queue: what follows them must be queued too. */
    private boolean spilled;

    /**
     * @param queue     puts a buffer in Netty's queue, behind what is there
     * @param onFailure told when the socket fails; the channel is closed already
     */
    ScratchRound(ChannelHandlerContext ctx, ConnectionCounters counters, Consumer<ByteBuf> queue,
                 Runnable onFailure) {
        this.ctx = ctx;
        this.counters = counters;
        this.queue = queue;
        this.onFailure = onFailure;
    }

    /** Starts a round in the loop's buffer. Only when nothing of this connection's waits in Netty's queue. */
    void begin() {
        scratch = OutputScratch.borrow();
        reservedEnd = 0;
        spilled = false;
    }

    /** Space for one response of exactly this size in the buffer, or null: the round goes on in Netty's queue. */
    ByteBuf reserve(int size) {
        if (scratch == null || !roomFor(size)) {
            return null;
        }
        ByteBuf buffer = scratch.buffer();
        reservedEnd = buffer.writerIndex() + size;
        return buffer;
    }

    /** Something is to be queued behind the responses so far: they go first, and the round goes on in the queue. */
    void handOver() {
        if (scratch != null) {
            queueRest();
        }
    }

    /**
     * Ends the round: writes the buffer to the socket and queues what the socket
     * does not take; behind responses already queued, queues it all.
     */
    void finish() {
        if (scratch != null && !spilled) {
            send();
        }
        if (scratch != null) {
            queueRest();
        }
    }

    /** Ends the round without sending: serving failed and the connection is being closed. */
    void abandon() {
        if (scratch != null) {
            scratch.giveBack();
            scratch = null;
        }
    }

    private boolean roomFor(int size) {
        ByteBuf buffer = scratch.buffer();
        checkReservationFilled(buffer);
        if (buffer.writableBytes() >= size) {
            return true;
        }
        if (size <= buffer.capacity()) {
            spill(buffer);
            return true;
        }
        handOver();
        return false;
    }

    /** Copies the responses so far to Netty's queue and empties the buffer for the rest of the round. */
    private void spill(ByteBuf buffer) {
        queue.accept(copyOf(buffer));
        buffer.clear();
        reservedEnd = 0;
        spilled = true;
    }

    private ByteBuf copyOf(ByteBuf buffer) {
        ByteBuf copy = ctx.alloc().ioBuffer(buffer.readableBytes());
        copy.writeBytes(buffer);
        return copy;
    }

    /** One write of the buffer to the socket; if the socket does not take it all, the rest is queued. */
    private void send() {
        ByteBuf buffer = scratch.buffer();
        checkReservationFilled(buffer);
        if (!buffer.isReadable()) {
            return;
        }
        counters.flushes++;
        try {
            counters.bytesWritten += scratch.writeTo(ctx.channel());
        } catch (IOException e) {
            log.debug("Connection failed: {}", e.toString());
            abandon();
            ctx.close();
            onFailure.run();
            return;
        }
        if (buffer.isReadable()) {
            queueRest();
        } else {
            buffer.clear();
            reservedEnd = 0;
        }
    }

    /** Copies what the buffer still holds to Netty's queue and gives the buffer back. */
    private void queueRest() {
        ByteBuf buffer = scratch.buffer();
        checkReservationFilled(buffer);
        if (buffer.isReadable()) {
            queue.accept(copyOf(buffer));
        }
        scratch.giveBack();
        scratch = null;
    }

    private void checkReservationFilled(ByteBuf buffer) {
        if (buffer.writerIndex() != reservedEnd) {
            throw new IllegalStateException("A response did not fill exactly the space it reserved (off by "
                    + (buffer.writerIndex() - reservedEnd) + " bytes)");
        }
    }
}
