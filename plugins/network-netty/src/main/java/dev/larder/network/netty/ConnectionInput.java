package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * What a connection has read and not yet served, and the part of the
 * {@link InputBudget} its request in progress holds. Bytes are appended only
 * when a request is split across reads; the budget is taken when the protocol
 * says how large the request is and given back once it is served.
 */
final class ConnectionInput {

    private final InputBudget budget;
    private ByteBuf buffer = Unpooled.EMPTY_BUFFER;
    /** Taken from the budget for the request being received. */
    private long held;
    /** The size of the request being received, when it was reserved; 0 otherwise. */
    private int expected;

    ConnectionInput(InputBudget budget) {
        this.budget = budget;
    }

    ByteBuf buffer() {
        return buffer;
    }

    void append(ByteBufAllocator alloc, ByteBuf data) {
        buffer = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, buffer, data);
    }

    /** Holds the budget for a request of {@code requestBytes}; false when the budget cannot spare it. */
    boolean reserve(int requestBytes) {
        long needed = Math.max(0, (long) requestBytes - InputBudget.FREE_PER_CONNECTION);
        if (needed <= held) {
            return true;
        }
        if (!budget.tryTake(needed - held, held)) {
            return false;
        }
        held = needed;
        expected = requestBytes;
        return true;
    }

    /** Whether a large request is on its way in, holding part of the budget. */
    boolean receivingLargeRequest() {
        return held > 0;
    }

    /** The request the budget was held for has been served. */
    void giveBack() {
        budget.giveBack(held);
        held = 0;
        expected = 0;
    }

    /**
     * After a round of serving: an empty input lets its buffer go; otherwise the
     * input gets room for the whole request it waits for, at once, since grown a
     * read at a time it would end in a buffer up to twice the request's size.
     * (The event loop's read buffer is sized when what it holds is kept.)
     */
    void afterRound(ByteBufAllocator alloc) {
        if (!buffer.isReadable()) {
            buffer.release();
            buffer = Unpooled.EMPTY_BUFFER;
            return;
        }
        buffer.discardSomeReadBytes();
        if (expected > buffer.readableBytes() + buffer.writableBytes() && !InputScratch.isScratch(buffer)) {
            ByteBuf sized = alloc.buffer(expected);
            sized.writeBytes(buffer);
            buffer.release();
            buffer = sized;
        }
    }

    /** Copies what is left out of the event loop's read buffer before the loop reads into it again. */
    void keepUnservedFromScratch(ByteBufAllocator alloc) {
        if (!InputScratch.isScratch(buffer)) {
            return;
        }
        ByteBuf kept = buffer.isReadable() ? alloc.buffer(Math.max(buffer.readableBytes(), expected))
                : Unpooled.EMPTY_BUFFER;
        kept.writeBytes(buffer);
        buffer.release();
        buffer = kept;
    }

    /** The connection closed: the bytes and the budget go back. */
    void release() {
        buffer.release();
        buffer = Unpooled.EMPTY_BUFFER;
        giveBack();
    }
}
