package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * A round's responses where the event loop's write buffer is not used (io_uring,
 * TLS, NIO, or after a round has left it): the first response of a round gets a
 * buffer of exactly its size, and the ones after it in the same round share
 * pooled buffers of {@link #CAPACITY} bytes. A multi-get of 100 keys is then a
 * few buffers in Netty's queue and one or two iovecs in the write, not 100.
 *
 * <p>A shared buffer is handed on when full, when a value is chained behind it,
 * and when the round ends; one that stayed mostly empty is first copied to one
 * of its content's size, so that a client that does not read holds at most four
 * times its pending bytes.
 */
final class RoundBatch {

    /** Room for about a hundred small responses; under Netty's pooled small-buffer sizes. */
    static final int CAPACITY = 16 * 1024;

    private final ByteBufAllocator alloc;
    private final Consumer<ByteBuf> handOn;
    /** The buffer responses are reserved in, not yet handed on; null between buffers. */
    private ByteBuf open;
    /** Where the last reservation in the open buffer ends. */
    private int reservedEnd;
    private boolean inRound;
    private boolean reservedThisRound;

    /** @param handOn takes a buffer whose responses are complete, in order */
    RoundBatch(ByteBufAllocator alloc, Consumer<ByteBuf> handOn) {
        this.alloc = alloc;
        this.handOn = handOn;
    }

    void begin() {
        inRound = true;
        reservedThisRound = false;
    }

    boolean inRound() {
        return inRound;
    }

    /** Space for one response of exactly this size. */
    ByteBuf reserve(int size) {
        if (open != null) {
            checkReservationFilled();
            if (open.writableBytes() >= size) {
                reservedEnd = open.writerIndex() + size;
                return open;
            }
            handOnOpen();
        }
        // The first response of a round is usually the only one: a buffer of its size, as a batch would waste.
        int capacity = inRound && reservedThisRound ? Math.max(size, CAPACITY) : size;
        reservedThisRound = true;
        open = alloc.ioBuffer(capacity, capacity);
        reservedEnd = size;
        return open;
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

    private void checkReservationFilled() {
        if (open.writerIndex() != reservedEnd) {
            throw new IllegalStateException("A response did not fill exactly the space it reserved (off by "
                    + (open.writerIndex() - reservedEnd) + " bytes)");
        }
    }
}
