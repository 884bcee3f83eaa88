package dev.larder.network.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * One connection's receive buffer, kept from read to read where the event loop's
 * shared one cannot be used (io_uring, whose reads are pending while others are
 * served; TLS; NIO): each read takes the buffer the last one filled, once the
 * connection has let go of it, instead of a new one from the allocator. Under
 * memaslap a new buffer per read was about a tenth of the server's user time,
 * much of it a chunk allocated and freed for each read too large for the
 * allocator's size classes.
 *
 * <p>Sizes come from Netty's adaptive guess, as before, and the kept buffer is
 * replaced when the guess outgrows it. It is not replaced when the guess shrinks,
 * which it does after every two short reads and undoes at the next long one:
 * a connection keeps the largest read it has needed, at most the guess's
 * 64 KiB, as the launcher's cap on direct memory allows for each connection.
 * A buffer the connection still holds (part of a request waits for the rest)
 * is left to it, and the read takes a new one. The connection's close lets the kept one go
 * ({@link #release()}).
 */
final class KeptReceiveBuffer implements RecvByteBufAllocator {

    private static final AdaptiveRecvByteBufAllocator SIZES = new AdaptiveRecvByteBufAllocator();

    /** The buffer of the last read, with this allocator's own reference; null before the first. */
    private ByteBuf kept;
    private boolean released;

    @Override
    public Handle newHandle() {
        return new KeepingHandle((ExtendedHandle) SIZES.newHandle());
    }

    /** The connection closed: the kept buffer goes once nothing else holds it, and no other is kept. */
    void release() {
        released = true;
        letGo();
    }

    private ByteBuf allocate(ByteBufAllocator alloc, int guess) {
        if (kept != null) {
            if (kept.refCnt() == 1 && kept.capacity() >= guess) {
                return kept.clear().retain();
            }
            letGo();
        }
        ByteBuf fresh = alloc.ioBuffer(guess);
        if (!released) {
            kept = fresh.retain();
        }
        return fresh;
    }

    private void letGo() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    /** Netty's adaptive handle, but for where its buffers come from. */
    private final class KeepingHandle extends DelegatingHandle implements ExtendedHandle {

        KeepingHandle(ExtendedHandle sizes) {
            super(sizes);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return KeptReceiveBuffer.this.allocate(alloc, guess());
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
