package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;

/**
 * A connection's responses on their way out: each one an exact reservation,
 * large values chained beside them by reference, a round of serving ended by
 * one flush. On a plain epoll connection a round's reservations are made in the
 * event loop's write buffer and the flush is one write (see {@link ScratchRound});
 * elsewhere a round's small responses share pooled buffers (see {@link RoundBatch}).
 */
final class ConnectionOutput {

    private final ConnectionCounters counters;
    /** Reservations and chained values of the request being served, in order. */
    private final ArrayDeque<ByteBuf> responses = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    /** Rounds in the event loop's write buffer; null where that is not possible (TLS, NIO). */
    private ScratchRound scratchRound;
    private RoundBatch batch;
    private boolean unflushed;

    ConnectionOutput(ConnectionCounters counters) {
        this.counters = counters;
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
        this.batch = new RoundBatch(context.alloc(), responses::add);
    }

    /** Serves rounds in the event loop's write buffer; {@code failed} runs if writing to the socket fails. */
    void useScratch(boolean usable, Runnable failed) {
        scratchRound = usable ? new ScratchRound(ctx, counters, this::queue, failed) : null;
    }

    boolean usesScratch() {
        return scratchRound != null;
    }

    /**
     * Starts a round of serving: in the loop's write buffer when nothing of this
     * connection waits before it. Returns whether it did, for the round's end: a
     * round can begin inside another (a flush that drains the output releases a
     * held-back connection at once), so the answer is the caller's to keep.
     */
    boolean beginRound() {
        boolean nothingPending = !unflushed && pending() == 0;
        boolean inScratch = scratchRound != null && nothingPending;
        if (inScratch) {
            scratchRound.begin();
        }
        batch.begin(nothingPending); // used in a scratch round only once it has handed over
        return inScratch;
    }

    /** Ends a round that was served whole. */
    void finishRound(boolean inScratch) {
        if (inScratch) {
            scratchRound.finish();
        }
        batch.finish();
        writeServed();
    }

    /** After a round, finished or not: if serving failed half way, nothing of it is sent. */
    void endRound(boolean inScratch) {
        if (inScratch) {
            scratchRound.abandon(); // a no-op after finishRound()
        }
        batch.abandon(); // likewise
    }

    ByteBuf reserve(int size) {
        counters.reservations++;
        ByteBuf inScratch = scratchRound == null ? null : scratchRound.reserve(size);
        if (inScratch != null) {
            return inScratch;
        }
        return batch.reserve(size);
    }

    void copyValue(ByteBuf reservation, ByteBuf source, int index, int length) {
        // Copied by the source: from one direct buffer to another that is a plain memory copy, where the
        // reservation's own setBytes would first make an NIO view of the value.
        source.getBytes(index, reservation, reservation.writerIndex(), length);
        reservation.writerIndex(reservation.writerIndex() + length);
        counters.bytesCopied += length;
    }

    void chain(ByteBuf data) {
        if (scratchRound != null) {
            scratchRound.handOver();
        }
        batch.handOnOpen();
        counters.bytesByReference += data.readableBytes();
        responses.add(data);
    }

    /** Hands the served request's responses to Netty, to go with the next flush; in a round, all but the open batch. */
    void writeServed() {
        if (!batch.inRound()) {
            batch.handOnOpen();
        }
        ByteBuf response;
        while ((response = responses.poll()) != null) {
            queue(response);
        }
    }

    /** Hands everything served to Netty, the open batch too. */
    private void writeAll() {
        batch.handOnOpen();
        writeServed();
    }

    private void queue(ByteBuf response) {
        counters.bytesWritten += response.readableBytes();
        ctx.write(response, ctx.voidPromise());
        unflushed = true;
    }

    void flush() {
        writeAll(); // a flush inside a round (a yield, a hold) sends what the round has served
        if (unflushed) {
            unflushed = false;
            counters.flushes++;
            ctx.flush();
        }
    }

    /** Flushes what is written and closes the connection once it has gone. */
    void flushAndClose() {
        writeAll();
        unflushed = false;
        counters.flushes++;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Bytes Netty holds for this connection, not yet written to the socket. */
    long pending() {
        ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }

    /** The connection closed: responses not handed to Netty are let go. */
    void release() {
        batch.close();
        responses.forEach(ByteBuf::release);
        responses.clear();
    }
}
