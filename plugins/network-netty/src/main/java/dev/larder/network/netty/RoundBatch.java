package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * A round's responses where the event loop's write buffer is not used (io_uring,
 * TLS, NIO, or after a round has left it): the first response of a round goes
 * in the connection's kept buffer, and the ones after it in the same round share
 * pooled buffers of {@link #CAPACITY} bytes. A multi-get of 100 keys is then a
 * few buffers in Netty's queue and one or two iovecs in the write, not 100.
 *
 * <p>The kept buffer is the last round's first one, reused once the socket has
 * sent it (a new buffer from the allocator for each response was a tenth of the
 * server's user time under memaslap); while Netty still holds it, or when it is
 * too small, the round takes a new one, of the next power of two up to
 * {@link #KEPT_MAX}, and keeps that. It holds the round's first response only,
 * and only when the socket had taken all before it; otherwise the first
 * response gets a buffer of exactly its size.
 *
 * <p>A shared buffer is handed on when full, when a value is chained behind it,
 * and when the round ends; one that stayed mostly empty is first copied to one
 * of its content's size, so that a client that does not read holds at most four
 * times its pending bytes.
 */
final class RoundBatch {

    /** Room for about a hundred small responses; under Netty's pooled small-buffer sizes. */
    static final int CAPACITY = 16 * 1024;
    /** The largest first buffer kept from round to round; a connection holds one while it lives. */
    static final int KEPT_MAX = 8 * 1024;
    private static final int KEPT_MIN = 256;

    private final ByteBufAllocator alloc;
    private final Consumer<ByteBuf> handOn;
    /** The buffer responses are reserved in, not yet handed on; null between buffers. */
    private ByteBuf open;
    /**
     * The last round's first buffer, with this batch's own reference: once the
     * socket has sent it, the next round's first response goes in it instead of
     * a new buffer from the allocator.
     */
    private ByteBuf kept;
    /** Where the last reservation in the open buffer ends. */
    private int reservedEnd;
    private boolean inRound;
    private boolean reservedThisRound;
    /** Whether this round's first response may go in the kept buffer. */
    private boolean keeping;

    /** @param handOn takes a buffer whose responses are complete, in order */
    RoundBatch(ByteBufAllocator alloc, Consumer<ByteBuf> handOn) {
        this.alloc = alloc;
        this.handOn = handOn;
    }

    /**
     * @param nothingPending whether the socket has taken all the connection's
     *                       output: only then does the round's first response go
     *                       in the kept buffer, so that a client that does not read
     *                       holds at most one such buffer, however many rounds it asks for
     */
    void begin(boolean nothingPending) {
        inRound = true;
        reservedThisRound = false;
        keeping = nothingPending;
    }

    boolean inRound() {
        return inRound;
    }

    /** Space for one response of exactly this size. */
    ByteBuf reserve(int size) {
        if (open != null) {
            checkReservationFilled();
            if (open != kept && open.writableBytes() >= size) { // the kept buffer holds one response, as before
                reservedEnd = open.writerIndex() + size;
                return open;
            }
            handOnOpen();
        }
        if (inRound && reservedThisRound) {
            int capacity = Math.max(size, CAPACITY);
            open = alloc.ioBuffer(capacity, capacity);
        } else if (inRound && keeping) {
            open = firstOfRound(size);
        } else {
            open = alloc.ioBuffer(size, size);
        }
        reservedThisRound = true;
        reservedEnd = size;
        return open;
    }

    /**
     * The first response of a round is usually the only one: the last round's
     * first buffer when the socket has sent it and it is large enough, else a
     * new one of about its size (kept, if at most {@link #KEPT_MAX}).
     */
    private ByteBuf firstOfRound(int size) {
        if (kept != null) {
            if (kept.refCnt() == 1 && kept.capacity() >= size) {
                return kept.clear().retain();
            }
            letGoOfKept();
        }
        if (size > KEPT_MAX) {
            return alloc.ioBuffer(size, size);
        }
        int capacity = Integer.highestOneBit(Math.max(size, KEPT_MIN) - 1) << 1; // at most KEPT_MAX, a power of two
        ByteBuf first = alloc.ioBuffer(capacity, capacity);
        kept = first.retain();
        return first;
    }

    /** Hands on the open buffer, if any: something is to go behind its responses, or the round ends. */
    void handOnOpen() {
        if (open == null) {
            return;
        }
        checkReservationFilled();
        ByteBuf full = open;
        open = null;
        if (full.capacity() >= CAPACITY && full.readableBytes() < full.capacity() / 4) {
            ByteBuf trimmed = alloc.ioBuffer(full.readableBytes(), full.readableBytes());
            trimmed.writeBytes(full);
            full.release();
            full = trimmed;
        }
        handOn.accept(full);
    }

    /** Ends a round served whole: its last responses are handed on. */
    void finish() {
        handOnOpen();
        inRound = false;
    }

    /** Ends a round that failed half way, or the connection closed: what was not handed on is let go. */
    void abandon() {
        if (open != null) {
            open.release();
            open = null;
        }
        inRound = false;
    }

    /** The connection closed: the kept buffer goes too, once the socket lets go of it. */
    void close() {
        abandon();
        letGoOfKept();
    }

    private void letGoOfKept() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    private void checkReservationFilled() {
        if (open.writerIndex() != reservedEnd) {
            throw new IllegalStateException("A response did not fill exactly the space it reserved (off by "
                    + (open.writerIndex() - reservedEnd) + " bytes)");
        }
    }
}
